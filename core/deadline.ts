/**
 * Every request has a deadline: the gateway sets it when a request arrives and passes the time left on to each
 * subgraph call (signed with it), a subgraph passes what is left on to its own calls and its database queries,
 * and a write checks it before committing. A caller that has given up is never answered by a late commit.
 */
export const DEADLINE_HEADER = 'x-ketenkaart-time-left-ms';

/**
 * What a caller keeps for itself of the time left when it passes a deadline on: the callee gives up (and, for a
 * write, rolls back) that much before the caller stops waiting, so the caller's "nothing was written" is true.
 */
export const DEADLINE_MARGIN_MS = 250;

/** Never less than this for a call that is made at all: time to get a "too late" answer back. */
const MIN_CALL_MS = 1;

export class Deadline {
  private constructor(readonly at: number) {}

  /** A deadline `ms` from now. */
  static in(ms: number): Deadline {
    return new Deadline(Date.now() + ms);
  }

  /**
   * From the time left a caller sent (`DEADLINE_HEADER`), never later than this service's own limit: a caller
   * may shorten a request, not make it longer.
   */
  static fromHeader(value: string | string[] | undefined, limitMs: number): Deadline {
    const given = Number(Array.isArray(value) ? value[0] : value);
    const ms = Number.isFinite(given) && given >= 0 ? Math.min(given, limitMs) : limitMs;
    return Deadline.in(ms);
  }

  /** Milliseconds left, 0 once passed. */
  remaining(): number {
    return Math.max(0, this.at - Date.now());
  }

  passed(): boolean {
    return Date.now() >= this.at;
  }

  /**
   * The header value to send with a call made now. A caller that will itself give up at the deadline keeps a
   * margin, so that the callee (which checks before it commits) has given up first.
   */
  header(marginMs = 0): string {
    return String(Math.max(0, this.remaining() - marginMs));
  }

  /** Aborts a call when the deadline passes. */
  signal(): AbortSignal {
    return AbortSignal.timeout(Math.max(MIN_CALL_MS, this.remaining()));
  }
}

/** Whether an error is a call aborted by its deadline (AbortSignal.timeout), also when wrapped by fetch. */
export function isTimeout(err: unknown): boolean {
  const e = err as { name?: string; cause?: unknown } | undefined;
  return e?.name === 'TimeoutError' || e?.name === 'AbortError' || (e?.cause !== undefined && e.cause !== err && isTimeout(e.cause));
}

/** Whether an error says the other side could not be reached at all (refused, reset, no such host). */
export function isUnreachable(err: unknown): boolean {
  const e = err as { code?: string; cause?: unknown } | undefined;
  if (e?.code && ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT'].includes(e.code)) return true;
  return e?.cause !== undefined && e.cause !== err && isUnreachable(e.cause);
}

/** HTTP statuses of a proxy or of a service that is starting or stopping: the other side is away, not broken. */
const AWAY_STATUSES = new Set([502, 503, 504]);

export const isAwayStatus = (status: number | undefined): boolean => status !== undefined && AWAY_STATUSES.has(status);

/** Why a call to another part failed, where it is an outage rather than a fault: its deadline, or no answer. */
export function callOutage(err: unknown): 'TIMEOUT' | 'UNREACHABLE' | null {
  if (isTimeout(err)) return 'TIMEOUT';
  if (isUnreachable(err)) return 'UNREACHABLE';
  return null;
}
