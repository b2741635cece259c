import express, { type Request, type Response, type Router } from 'express';
import * as client from 'openid-client';
import type { Logger } from '../../core/logger';
import { identityFromIssuerClaims } from './issuer-claims';
import type { Sessions } from './sessions';

/**
 * Sign-in and sign-out for people, at the gateway: OpenID Connect authorisation code with PKCE (openid-client).
 * The tokens stay here; the browser gets a sealed, httpOnly session cookie and the page a CSRF token.
 *   GET  /beheer/aanmelden   → to the issuer (state, nonce and PKCE verifier in a sealed cookie for the way back)
 *   GET  /beheer/terugkeer   ← from the issuer: code for tokens, claims to an Identity, the session cookie
 *   GET  /beheer/sessie      who is signed in, and the CSRF token (JSON, for the page)
 *   POST /beheer/afmelden    ends the session here, then at the issuer when it supports that
 * What goes wrong is said on the page: back to /beheer?fout=<CODE> (gateway/beheer/static/meldingen.json).
 */
export function signInRoutes(sessions: Sessions, log: Logger): Router {
  const router = express.Router();
  const { oidc } = sessions.config;
  const pageUrl = new URL('/beheer', oidc.redirectUrl);
  const back = (res: Response, code: string) => res.redirect(303, `/beheer?fout=${code}`);
  const noStore = (res: Response) => res.set('cache-control', 'no-store');

  router.get('/beheer/aanmelden', async (req, res) => {
    noStore(res);
    // Outside production the hub answers at localhost and 127.0.0.1 alike, but its cookies belong to one host:
    // sign-in starts where the issuer will send the person back. (Production has one public name, behind proxies
    // that may rewrite Host: no redirect on it there.)
    if (sessions.config.env !== 'production' && req.get('host') !== pageUrl.host) {
      return res.redirect(303, new URL('/beheer/aanmelden', pageUrl).href);
    }
    let configuration: client.Configuration;
    try {
      configuration = await sessions.issuer.get();
    } catch (err) {
      log.warn({ err, issuer: oidc.issuerUrl }, 'the OpenID issuer cannot be reached');
      return back(res, 'AANMELDDIENST_ONBEREIKBAAR');
    }
    const attempt = { verifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce() };
    sessions.cookies.set(res, sessions.cookies.signIn, await sessions.seal.sealSignIn(attempt), sessions.seal.signInMaxAgeSeconds);
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: oidc.redirectUrl,
      scope: oidc.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(attempt.verifier),
      code_challenge_method: 'S256',
      state: attempt.state,
      nonce: attempt.nonce,
    });
    res.redirect(303, url.href);
  });

  router.get('/beheer/terugkeer', async (req, res) => {
    noStore(res);
    const attempt = await sessions.seal.openSignIn(sessions.cookies.read(req, sessions.cookies.signIn));
    sessions.cookies.clear(res, sessions.cookies.signIn);
    if (!attempt) return back(res, 'AANMELDING_VERLOPEN');
    if (typeof req.query.error === 'string') return back(res, req.query.error === 'access_denied' ? 'AANMELDING_GEWEIGERD' : 'AANMELDING_MISLUKT');
    let claims: Record<string, unknown>;
    let idToken: string | undefined;
    try {
      const configuration = await sessions.issuer.get();
      // The URL as registered (not as this request's Host header says): the issuer compares it to the one it sent to.
      const current = new URL(oidc.redirectUrl);
      current.search = new URL(req.originalUrl, oidc.redirectUrl).search;
      const tokens = await client.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: attempt.verifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      idToken = tokens.id_token;
      // Issuers put the role and organisation in the ID token or in userinfo; both are read, the ID token first.
      const userinfo = configuration.serverMetadata().userinfo_endpoint
        ? await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)
        : {};
      claims = { ...userinfo, ...idClaims };
    } catch (err) {
      log.warn({ err }, 'sign-in at the OpenID issuer failed');
      return back(res, 'AANMELDING_MISLUKT');
    }
    let identity;
    try {
      identity = identityFromIssuerClaims(claims, oidc.claims);
    } catch (err) {
      log.info({ sub: claims.sub, reason: (err as Error).message }, 'signed in at the issuer without a usable Ketenkaart role');
      return back(res, 'GEEN_ROL');
    }
    const name = typeof claims.name === 'string' ? claims.name : undefined;
    const { value } = await sessions.seal.sealSession({ identity, name, idToken });
    sessions.cookies.set(res, sessions.cookies.session, value, sessions.seal.maxAgeSeconds);
    log.info({ role: identity.role, org: identity.org }, 'signed in');
    res.redirect(303, '/beheer');
  });

  router.get('/beheer/sessie', async (req, res) => {
    noStore(res);
    const session = await sessions.current(req);
    if (!session) return res.json({ aangemeld: false, aanmeldenMogelijk: true });
    const { role, org, municipalities } = session.identity;
    res.json({ aangemeld: true, role, org, municipalities, name: session.name, csrf: session.csrf, expiresAt: new Date(session.expiresAt * 1000).toISOString() });
  });

  router.post('/beheer/afmelden', express.urlencoded({ extended: false, limit: '2kb' }), async (req: Request, res) => {
    noStore(res);
    const session = await sessions.current(req);
    sessions.cookies.clear(res, sessions.cookies.session);
    if (!session) return res.redirect(303, '/beheer?afgemeld=1');
    // A sign-out form of another site would not know the token: it cannot end someone's session.
    if (req.body?.csrf !== session.csrf) return back(res, 'AFMELDEN_ONGELDIG');
    sessions.ended.end(session.sid, session.expiresAt);
    const returnTo = new URL('/beheer?afgemeld=1', pageUrl).href;
    try {
      const configuration = await sessions.issuer.get();
      if (configuration.serverMetadata().end_session_endpoint) {
        const params: Record<string, string> = { post_logout_redirect_uri: returnTo, client_id: oidc.clientId };
        if (session.idToken) params.id_token_hint = session.idToken;
        return res.redirect(303, client.buildEndSessionUrl(configuration, params).href);
      }
    } catch (err) {
      log.warn({ err }, 'could not sign out at the OpenID issuer; the session here has ended');
    }
    res.redirect(303, returnTo);
  });

  return router;
}
