import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DEADLINE_HEADER } from '../deadline';
import { type Identity, isRole } from './roles';

/**
 * Subgraphs trust only the gateway: every gateway → subgraph request carries the caller's identity and an
 * HMAC-SHA256 signature over timestamp, nonce, identity, the time left to answer and the exact body, with a secret only the gateway and
 * the subgraphs know. A subgraph refuses unsigned, altered, stale or replayed requests, so a client that
 * reaches a subgraph directly (also through `_entities`) gets nothing, and cannot claim an identity.
 */

export const HEADER = {
  identity: 'x-ketenkaart-identity',
  timestamp: 'x-ketenkaart-timestamp',
  nonce: 'x-ketenkaart-nonce',
  signature: 'x-ketenkaart-signature',
  timeLeft: DEADLINE_HEADER,
  requestId: 'x-request-id',
} as const;

const MAX_SKEW_SECONDS = 60;

/** Everything a subgraph trusts of a request, besides the body. */
interface Signed {
  identity: string;
  timeLeft: string;
  requestId: string;
}

function mac(secret: string, timestamp: string, nonce: string, signed: Signed, body: string): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}\n${nonce}\n${signed.identity}\n${signed.timeLeft}\n${signed.requestId}\n${body}`)
    .digest('base64url');
}

export const encodeIdentity = (identity: Identity) => Buffer.from(JSON.stringify(identity)).toString('base64url');

/**
 * The headers that make a request to a subgraph trusted: the caller's identity, the time left to answer (see
 * core/deadline.ts; absent: the subgraph's own limit), a fresh nonce and the signature over all of them.
 */
export function signedHeaders(
  secret: string,
  encoded: string,
  body: string,
  opts: { timeLeftMs?: string; requestId?: string; now?: number } = {},
): Record<string, string> {
  const timestamp = String(Math.floor((opts.now ?? Date.now()) / 1000));
  const nonce = randomBytes(16).toString('base64url');
  const signed: Signed = { identity: encoded, timeLeft: opts.timeLeftMs ?? '', requestId: opts.requestId ?? '' };
  return {
    [HEADER.identity]: encoded,
    [HEADER.timestamp]: timestamp,
    [HEADER.nonce]: nonce,
    ...(signed.timeLeft ? { [HEADER.timeLeft]: signed.timeLeft } : {}),
    ...(signed.requestId ? { [HEADER.requestId]: signed.requestId } : {}),
    [HEADER.signature]: mac(secret, timestamp, nonce, signed, body),
  };
}

/** What a verified request carries: who asks, and the signed request id and time left (absent when not sent). */
export interface VerifiedRequest {
  identity: Identity;
  requestId?: string;
  timeLeftMs?: string;
}

export class SignatureError extends Error {}

/** How long a nonce must be remembered: past it, the timestamp it was signed with is refused as stale. */
export const NONCE_LIFETIME_MS = 2 * MAX_SKEW_SECONDS * 1000;

/**
 * Where nonces are remembered. `claim` is true for a nonce not seen before (and remembers it until `expiresAt`),
 * false for a replay. Several replicas of one service must share one store, or a request captured on its way to
 * one replica replays on another (subgraphs/_shared/auth/nonce-store.ts keeps them in PostgreSQL).
 */
export interface NonceStore {
  claim(nonce: string, expiresAt: number, now: number): boolean | Promise<boolean>;
}

/** Nonces in this process's memory: enough for one process, and the fallback of a shared store. */
export class MemoryNonceStore implements NonceStore {
  private readonly seen = new Map<string, number>();

  claim(nonce: string, expiresAt: number, now: number): boolean {
    this.forgetOld(now);
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, expiresAt);
    return true;
  }

  private forgetOld(now: number) {
    if (this.seen.size < 10_000 && Math.random() > 0.01) return;
    for (const [nonce, expiry] of this.seen) if (expiry < now) this.seen.delete(nonce);
  }
}

/** Checks signed requests, and claims each nonce in its store, so that none can be replayed within the skew window. */
export class RequestVerifier {
  private readonly secrets: string[];

  /** `previous`: while the secret is rotated, the one before it, still accepted (requests are signed with the first). */
  constructor(
    secret: string,
    previous?: string,
    private readonly nonces: NonceStore = new MemoryNonceStore(),
  ) {
    this.secrets = previous ? [secret, previous] : [secret];
  }

  async verify(headers: Record<string, string | string[] | undefined>, body: string, now = Date.now()): Promise<VerifiedRequest> {
    const get = (name: string) => {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const identity = get(HEADER.identity);
    const timestamp = get(HEADER.timestamp);
    const nonce = get(HEADER.nonce);
    const signature = get(HEADER.signature);
    if (!identity || !timestamp || !nonce || !signature) throw new SignatureError('unsigned request: subgraphs answer only the gateway');
    const signed: Signed = { identity, timeLeft: get(HEADER.timeLeft) ?? '', requestId: get(HEADER.requestId) ?? '' };
    const given = Buffer.from(signature);
    const matches = (secret: string) => {
      const expected = Buffer.from(mac(secret, timestamp, nonce, signed, body));
      return expected.length === given.length && timingSafeEqual(expected, given);
    };
    if (!this.secrets.some(matches)) throw new SignatureError('bad signature');
    const age = Math.abs(now / 1000 - Number(timestamp));
    if (!Number.isFinite(age) || age > MAX_SKEW_SECONDS) throw new SignatureError('stale request');
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(identity, 'base64url').toString());
    } catch {
      throw new SignatureError('malformed identity');
    }
    const claims = parsed as Partial<Identity>;
    if (!isRole(claims.role)) throw new SignatureError('malformed identity');
    // Last: only a request that is otherwise valid takes a place in the (shared) store.
    if (!(await this.nonces.claim(nonce, now + NONCE_LIFETIME_MS, now))) throw new SignatureError('replayed request');
    return {
      identity: {
        role: claims.role,
        sub: typeof claims.sub === 'string' ? claims.sub : undefined,
        org: typeof claims.org === 'string' ? claims.org : undefined,
        municipalities: Array.isArray(claims.municipalities) ? claims.municipalities.map(String) : undefined,
      },
      requestId: signed.requestId || undefined,
      timeLeftMs: signed.timeLeft || undefined,
    };
  }
}
