import type { ApolloServerPlugin } from '@apollo/server';
import { ACCESS_REFUSALS_PATH, type AccessRefusal, MAX_FIELDS, type RefusalCode } from '../../core/auth/access-refusals';
import { ANONYMOUS, type Identity } from '../../core/auth/roles';
import { postInternal } from './internal-call';
import type { Logger } from '../../core/logger';

/** How many distinct (caller, address, operation) groups one period keeps; beyond it refusals are only counted. */
const MAX_GROUPS = 500;
/** How many groups wait for the audit trail while it cannot be reached, before the oldest are dropped (and said). */
const MAX_PENDING = 5_000;

export interface Refusal {
  code: RefusalCode;
  identity: Identity;
  address: string | undefined;
  operationName: string | undefined;
  reason: string;
  fields: string[];
  requestId: string;
}

/**
 * Failed authentication and authorisation attempts, for the audit trail. The gateway keeps no database: it groups
 * refusals per caller, address and operation for a few seconds and sends each group once, with its count, as a
 * signed request to the partners subgraph, which appends them to its audit log. Grouping bounds the writes a
 * flood of bad tokens can cause; a group that cannot be delivered is retried with the next period.
 */
export class AccessRefusalRecorder {
  private groups = new Map<string, AccessRefusal>();
  private pending: AccessRefusal[] = [];
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly target: { url: string; signingSecret: string },
    private readonly log: Logger,
    flushMs = 5_000,
  ) {
    this.timer = setInterval(() => void this.flush(), flushMs).unref();
  }

  record(refusal: Refusal): void {
    const now = new Date().toISOString();
    const { identity } = refusal;
    const overflow = this.groups.size >= MAX_GROUPS;
    const key = overflow ? 'overflow' : [refusal.code, identity.role, identity.sub, identity.org, refusal.address, refusal.operationName].join('\u0000');
    const group = this.groups.get(key);
    if (group) {
      group.count += 1;
      group.lastAt = now;
      group.requestId = refusal.requestId;
      for (const field of refusal.fields) if (group.fields.length < MAX_FIELDS && !group.fields.includes(field)) group.fields.push(field);
      return;
    }
    this.groups.set(key, {
      code: refusal.code,
      role: overflow ? 'MANY' : identity.role,
      subject: overflow ? null : (identity.sub ?? null),
      organisation: overflow ? null : (identity.org ?? null),
      address: overflow ? null : (refusal.address ?? null),
      operationName: overflow ? null : (refusal.operationName?.slice(0, 200) ?? null),
      reason: overflow ? `more than ${MAX_GROUPS} different callers or operations in one period` : refusal.reason.slice(0, 500),
      fields: refusal.fields.slice(0, MAX_FIELDS),
      count: 1,
      firstAt: now,
      lastAt: now,
      requestId: refusal.requestId,
    });
  }

  /** Sends what was collected; one delivery at a time. */
  flush(): Promise<void> {
    this.flushing ??= this.deliver().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async deliver(): Promise<void> {
    this.pending.push(...this.groups.values());
    this.groups = new Map();
    if (!this.pending.length) return;
    if (this.pending.length > MAX_PENDING) {
      const dropped = this.pending.splice(0, this.pending.length - MAX_PENDING);
      this.log.error({ dropped: dropped.reduce((n, g) => n + g.count, 0) }, 'access refusals dropped: the audit trail was unreachable too long');
    }
    try {
      const response = await postInternal(this.target.url, this.target.signingSecret, { refusals: this.pending }, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`the partners subgraph answered ${response.status}`);
      // Refusals recorded meanwhile are in the next period's groups, not here.
      this.pending = [];
    } catch (err) {
      this.log.warn({ err: err instanceof Error ? err.message : String(err), waiting: this.pending.length }, 'access refusals not yet in the audit trail; retrying with the next period');
    }
  }
}

/** Where the partners subgraph takes refusals, beside its GraphQL endpoint. */
export const accessRefusalsUrl = (partnersGraphqlUrl: string) => new URL(ACCESS_REFUSALS_PATH, partnersGraphqlUrl).toString();

const AUTHORISATION_CODES = new Set<RefusalCode>(['UNAUTHORIZED_FIELD_OR_TYPE', 'FORBIDDEN']);

/** The operation's name as the client gave it, or as the document starts, without parsing an unauthenticated document. */
function operationNameOf(body: unknown): string | undefined {
  const { operationName, query } = (body ?? {}) as { operationName?: unknown; query?: unknown };
  if (typeof operationName === 'string') return operationName;
  return typeof query === 'string' ? /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query)?.[1] : undefined;
}

/** A token the gateway refused (authenticate.ts throws it): recorded as an anonymous caller's attempt. */
export function refusedToken(err: unknown, request: { address: string | undefined; requestId: string; body: unknown }): Refusal {
  return {
    code: 'UNAUTHENTICATED',
    identity: ANONYMOUS,
    address: request.address,
    operationName: operationNameOf(request.body),
    reason: err instanceof Error ? err.message : String(err),
    fields: [],
    requestId: request.requestId,
  };
}

/**
 * Fields an answer refused (the gateway's field rules, a subgraph's, or a record the caller may not touch),
 * recorded with who asked: an attempt to read or write what the caller may not.
 */
export function auditRefusedFields(recorder: AccessRefusalRecorder): ApolloServerPlugin<{ identity: Identity; requestId: string; address?: string }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, operationName }) {
          if (response.body.kind !== 'single') return;
          const refused = (response.body.singleResult.errors ?? []).filter((e) => AUTHORISATION_CODES.has(e.extensions?.code as RefusalCode));
          if (!refused.length) return;
          recorder.record({
            code: refused[0]!.extensions!.code as RefusalCode,
            identity: contextValue.identity,
            address: contextValue.address,
            operationName: operationName ?? undefined,
            reason: refused[0]!.message,
            fields: [...new Set(refused.map((e) => (e.path ?? []).filter((p) => typeof p === 'string').join('.')))],
            requestId: contextValue.requestId,
          });
        },
      };
    },
  };
}
