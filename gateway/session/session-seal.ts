import { hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { Identity } from '../../core/auth/roles';

/**
 * A signed-in person's session, sealed into the cookie itself (JWE, `dir` + A256GCM: encrypted and
 * authenticated with a key derived from SESSION_SECRET). Nothing is stored at the gateway, so every replica with
 * the same secret reads it; the browser's JavaScript never sees it (httpOnly), and could not read it if it did.
 */
export interface Session {
  /** The session's own id: what sign-out puts on the list of ended sessions. */
  sid: string;
  identity: Identity;
  /** Sent back by the page in `x-ketenkaart-csrf` with every GraphQL call it makes as this person. */
  csrf: string;
  /** Shown to the person themselves only ("aangemeld als …"). */
  name?: string;
  /** The issuer's ID token, kept for sign-out at the issuer (`id_token_hint`); never given to the page. */
  idToken?: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/** What the sign-in flow keeps between the redirect to the issuer and the way back: PKCE verifier, state, nonce. */
export interface SignInAttempt {
  verifier: string;
  state: string;
  nonce: string;
}

const SIGN_IN_SECONDS = 600;

export class SessionSeal {
  private readonly key: Uint8Array;

  /** `secret` absent: a random key per process (development: sessions end when the hub restarts). */
  constructor(secret: string | undefined, readonly maxAgeSeconds: number) {
    const material = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
    this.key = new Uint8Array(hkdfSync('sha256', material, Buffer.alloc(0), 'ketenkaart session cookie', 32));
  }

  async sealSession(fields: Omit<Session, 'sid' | 'csrf' | 'expiresAt'>): Promise<{ value: string; session: Session }> {
    const expiresAt = Math.floor(Date.now() / 1000) + this.maxAgeSeconds;
    const session: Session = { ...fields, sid: randomUUID(), csrf: randomBytes(24).toString('base64url'), expiresAt };
    return { value: await this.seal({ kind: 'session', ...session }, expiresAt), session };
  }

  async openSession(value: string | undefined): Promise<Session | undefined> {
    const payload = await this.open(value, 'session');
    return payload as unknown as Session | undefined;
  }

  async sealSignIn(attempt: SignInAttempt): Promise<string> {
    return this.seal({ kind: 'sign-in', ...attempt }, Math.floor(Date.now() / 1000) + SIGN_IN_SECONDS);
  }

  async openSignIn(value: string | undefined): Promise<SignInAttempt | undefined> {
    return (await this.open(value, 'sign-in')) as unknown as SignInAttempt | undefined;
  }

  get signInMaxAgeSeconds(): number {
    return SIGN_IN_SECONDS;
  }

  private seal(payload: Record<string, unknown>, exp: number): Promise<string> {
    return new EncryptJWT(payload).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).setIssuedAt().setExpirationTime(exp).encrypt(this.key);
  }

  /** Undefined for anything that is not a live seal of ours of that kind: expired, altered, another key. */
  private async open(value: string | undefined, kind: string): Promise<Record<string, unknown> | undefined> {
    if (!value) return undefined;
    try {
      const { payload } = await jwtDecrypt(value, this.key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
      return payload.kind === kind ? (payload as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
}
