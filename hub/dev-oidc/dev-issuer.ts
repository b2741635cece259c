import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import express from 'express';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DEV_OIDC_PATH, type OidcConfig } from '../../core/config';
import { DEV_ISSUER_METADATA } from '../../gateway/session/issuer-client';
import { PROJECT_ROOT } from '../../core/paths';
import { escapeHtml, fillTemplate } from '../../core/html-template';

/**
 * The development OpenID provider: a real one (the `oidc-provider` package), with the fictional accounts of
 * accounts.yaml, so that `npm start` and the tests sign in exactly as production does at the Flemish government's
 * issuer: authorisation code with PKCE, ID token, userinfo, sign-out. Never in production: it refuses to start
 * there, and a production gateway refuses an issuer at its path or with its discovery marker.
 */

const DIR = path.join(PROJECT_ROOT, 'hub', 'dev-oidc');

const accountsFile = z.object({
  password: z.string().min(1),
  accounts: z.array(
    z.object({
      login: z.string().regex(/^[a-z0-9-]+$/),
      // A fictional person says so in their name: these never stand for someone real.
      name: z.string().regex(/\(fictief\)$/, 'the name of a fictional account ends in "(fictief)"'),
      role: z.enum(['RESEARCHER', 'LOCAL_GOVERNMENT', 'PARTNER', 'EDITOR', 'ADMIN']),
      org: z.string().optional(),
      municipalities: z.array(z.string()).optional(),
      fictional: z.literal(true),
    }),
  ),
});
export type DevAccount = z.infer<typeof accountsFile>['accounts'][number];

export function devAccounts(): { password: string; accounts: DevAccount[] } {
  return accountsFile.parse(parseYaml(fs.readFileSync(path.join(DIR, 'accounts.yaml'), 'utf8')));
}

/** A page of pages/, filled in (core/html-template.ts: `{{text}}` escaped, `{{{markup}}}` as built here). */
function page(name: string, values: Record<string, string>): string {
  return fillTemplate(fs.readFileSync(path.join(DIR, 'pages', `${name}.html`), 'utf8'), values);
}

export interface DevIssuer {
  /** The gateway's OpenID settings for this issuer. */
  oidc: OidcConfig;
  stop(): Promise<void>;
}

export async function startDevIssuer(opts: { env: string; host: string; port: number; gatewayOrigin: string }): Promise<DevIssuer> {
  if (opts.env === 'production') {
    throw Object.assign(new Error('The development OpenID provider (fictional accounts) does not run in production: configure OIDC_ISSUER_URL for a real issuer.'), { userFacing: true });
  }
  const { password, accounts } = devAccounts();
  const byLogin = new Map(accounts.map((a) => [a.login, a]));
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // 127.0.0.1, while the gateway is reached as localhost: another site, as the real issuer is.
  const issuerUrl = `http://127.0.0.1:${port}${DEV_OIDC_PATH}`;
  const clientId = 'ketenkaart-beheer';
  const clientSecret = randomBytes(24).toString('base64url');
  const redirectUrl = `${opts.gatewayOrigin}/beheer/terugkeer`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'dev-' + randomBytes(4).toString('hex') };

  const provider = new Provider(issuerUrl, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        client_name: 'Ketenkaart (lokaal)',
        redirect_uris: [redirectUrl],
        post_logout_redirect_uris: [`${opts.gatewayOrigin}/beheer?afgemeld=1`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'ketenkaart'],
    claims: { openid: ['sub'], profile: ['name'], ketenkaart: ['role', 'org', 'municipalities'] },
    async findAccount(_ctx, id) {
      const account = byLogin.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, name: account.name, role: account.role, org: account.org, municipalities: account.municipalities }),
      };
    },
    // The hub is this provider's only client, its own: no consent screen (the grant covers what it asks for).
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope('openid profile ketenkaart');
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `${DEV_OIDC_PATH}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.body = page('logout', { form });
        },
        async postLogoutSuccessSource(ctx) {
          ctx.body = page('message', { title: 'Afgemeld', message: 'U bent afgemeld bij de ontwikkel-aanmelddienst.' });
        },
      },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page('message', { title: 'Aanmelden lukt niet', message: `De aanmelddienst meldt: ${String(out.error_description ?? out.error)}.` });
    },
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    discovery: { [DEV_ISSUER_METADATA]: true },
    ttl: { Session: 8 * 3600, Grant: 8 * 3600, Interaction: 600, AccessToken: 600, AuthorizationCode: 60, IdToken: 3600 },
  });

  const app = express();
  app.disable('x-powered-by');
  const loginPage = (uid: string, error?: string) =>
    page(
      'login',
      {
        action: `${DEV_OIDC_PATH}/interaction/${uid}`,
        password,
        error: error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '',
        accounts: accounts
          .map((a) => `<li><code>${escapeHtml(a.login)}</code> — ${escapeHtml(a.name)}, ${escapeHtml(a.role)}${a.org ? ` van ${escapeHtml(a.org)}` : ''}</li>`)
          .join(''),
      },
    );
  app.get(`${DEV_OIDC_PATH}/interaction/:uid`, async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      res.type('html').send(loginPage(details.uid));
    } catch (err) {
      next(err);
    }
  });
  app.post(`${DEV_OIDC_PATH}/interaction/:uid`, express.urlencoded({ extended: false, limit: '2kb' }), async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const account = byLogin.get(String(req.body?.login ?? ''));
      if (!account || req.body?.password !== password) {
        res.status(401).type('html').send(loginPage(details.uid, 'Onbekende gebruikersnaam of fout wachtwoord.'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: account.login } }, { mergeWithLastSubmission: false });
    } catch (err) {
      next(err);
    }
  });
  app.use(DEV_OIDC_PATH, provider.callback());
  server.on('request', app);

  return {
    oidc: {
      issuerUrl,
      clientId,
      clientSecret,
      redirectUrl,
      scopes: 'openid profile ketenkaart',
      claims: { role: 'role', org: 'org', municipalities: 'municipalities' },
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
