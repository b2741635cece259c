import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import type { Identity } from '../../core/auth/roles';
import type { Config } from '../../core/config';
import { ErrorCode } from '../../core/errors';
import { EndedSessions } from './ended-sessions';
import { IssuerClient } from './issuer-client';
import { SessionCookies } from './session-cookies';
import { type Session, SessionSeal } from './session-seal';

/** The header the editors' page sends its session's CSRF token in. */
export const CSRF_HEADER = 'x-ketenkaart-csrf';

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });

/** Everything the gateway knows of sign-in: the issuer, the sealed cookies, the sessions ended early. */
export class Sessions {
  readonly seal: SessionSeal;
  readonly cookies: SessionCookies;
  readonly ended = new EndedSessions();
  readonly issuer: IssuerClient;

  constructor(readonly config: Config & { oidc: NonNullable<Config['oidc']> }) {
    this.seal = new SessionSeal(config.session.secret, config.session.maxAgeSeconds);
    this.cookies = new SessionCookies(new URL(config.oidc.redirectUrl).protocol === 'https:');
    this.issuer = new IssuerClient(config.oidc, config.env === 'production');
  }

  /** The live session of this request's cookie, if any: not altered, not expired, not signed out. */
  async current(req: Request): Promise<Session | undefined> {
    const session = await this.seal.openSession(this.cookies.read(req, this.cookies.session));
    return session && !this.ended.has(session.sid) ? session : undefined;
  }

  /**
   * The Identity of a GraphQL request made as a signed-in person. Only a request that carries the session's CSRF
   * token in `x-ketenkaart-csrf` is one: the cookie alone is ignored (the caller is anonymous), so no other
   * site, and no page of the hub that does not mean to, acts as the person. A token with a session that is
   * gone (expired, signed out, altered) or does not match is refused, never downgraded.
   */
  async identityOf(req: Request): Promise<Identity | undefined> {
    const csrf = req.headers[CSRF_HEADER];
    if (csrf === undefined) return undefined;
    const session = await this.current(req);
    if (!session) throw unauthenticated('The session has ended or expired: sign in again at /beheer.');
    if (csrf !== session.csrf) throw unauthenticated(`The ${CSRF_HEADER} header does not belong to this session: reload /beheer.`);
    return session.identity;
  }
}
