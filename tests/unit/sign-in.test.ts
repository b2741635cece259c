import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_OIDC_PATH, loadConfig } from '../../core/config';
import { identityFromIssuerClaims } from '../../gateway/session/issuer-claims';
import { SessionSeal } from '../../gateway/session/session-seal';
import { devAccounts, startDevIssuer } from '../../hub/dev-oidc/dev-issuer';

const CLAIMS = { role: 'role', org: 'org', municipalities: 'municipalities' };
const SECRET = 'a-session-secret-of-at-least-32-characters';

describe('sign-in configuration', () => {
  it('refuses the development issuer in production, and sign-in without a session secret there', () => {
    const production = { NODE_ENV: 'production', OIDC_CLIENT_ID: 'ketenkaart', SESSION_SECRET: SECRET, PUBLIC_BASE_URL: 'https://ketenkaart.example.org' };
    expect(() => loadConfig({ ...production, OIDC_ISSUER_URL: `http://127.0.0.1:4010${DEV_OIDC_PATH}` })).toThrow(/development issuer/);
    expect(() => loadConfig({ ...production, OIDC_ISSUER_URL: 'https://idp.example.org', SESSION_SECRET: '' })).toThrow(/SESSION_SECRET is required/);
    expect(loadConfig({ ...production, OIDC_ISSUER_URL: 'https://idp.example.org' }).oidc).toMatchObject({
      issuerUrl: 'https://idp.example.org',
      redirectUrl: 'https://ketenkaart.example.org/beheer/terugkeer',
    });
  });

  it('names what is missing: a client id, or the issuer the other settings belong to', () => {
    expect(() => loadConfig({ OIDC_ISSUER_URL: 'https://idp.example.org' })).toThrow(/OIDC_CLIENT_ID is required/);
    expect(() => loadConfig({ OIDC_CLIENT_ID: 'x' })).toThrow(ConfigError);
    expect(() => loadConfig({ SESSION_MAX_AGE_SECONDS: '10' })).toThrow(/SESSION_MAX_AGE_SECONDS/);
  });

  it('does not start the development provider in production', async () => {
    await expect(startDevIssuer({ env: 'production', host: '127.0.0.1', port: 0, gatewayOrigin: 'http://localhost:4000' })).rejects.toThrow(/does not run in production/);
  });

  it('has only fictional accounts, one for each role that signs in', () => {
    const { accounts } = devAccounts();
    expect(accounts.every((a) => a.fictional && a.name.endsWith('(fictief)'))).toBe(true);
    expect(new Set(accounts.map((a) => a.role))).toEqual(new Set(['EDITOR', 'PARTNER', 'LOCAL_GOVERNMENT', 'RESEARCHER', 'ADMIN']));
  });
});

describe('the issuer\'s claims as an Identity', () => {
  it('maps the configured claims, as a bearer token\'s', () => {
    expect(identityFromIssuerClaims({ sub: 'u1', role: 'editor', org: 'veilig-huis-limburg' }, CLAIMS)).toEqual({ sub: 'u1', role: 'EDITOR', org: 'veilig-huis-limburg', municipalities: undefined });
    expect(identityFromIssuerClaims({ sub: 'u2', kk_rol: 'local-government', kk_nis: '71072 71066' }, { ...CLAIMS, role: 'kk_rol', municipalities: 'kk_nis' })).toMatchObject({ role: 'LOCAL_GOVERNMENT', municipalities: ['71072', '71066'] });
  });

  it('refuses no role, an unknown role, ANONYMOUS, and an editor without organisation', () => {
    for (const claims of [{ sub: 'u' }, { sub: 'u', role: 'superuser' }, { sub: 'u', role: 'ANONYMOUS' }, { sub: 'u', role: 'EDITOR' }]) {
      expect(() => identityFromIssuerClaims(claims, CLAIMS)).toThrow();
    }
  });
});

describe('the sealed session cookie', () => {
  it('opens only with the same secret, unaltered, before it expires, and for its own purpose', async () => {
    const seal = new SessionSeal(SECRET, 300);
    const { value, session } = await seal.sealSession({ identity: { role: 'EDITOR', org: 'o', sub: 's' } });
    expect(await seal.openSession(value)).toMatchObject({ sid: session.sid, csrf: session.csrf, identity: { role: 'EDITOR', org: 'o' } });
    // Another replica with the same secret reads it; one with another secret does not.
    expect(await new SessionSeal(SECRET, 300).openSession(value)).toMatchObject({ sid: session.sid });
    expect(await new SessionSeal(SECRET + 'x', 300).openSession(value)).toBeUndefined();
    const altered = value.slice(0, -4) + (value.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(await seal.openSession(altered)).toBeUndefined();
    // A sign-in attempt is not a session.
    expect(await seal.openSession(await seal.sealSignIn({ verifier: 'v', state: 's', nonce: 'n' }))).toBeUndefined();
    expect(value).not.toContain('EDITOR');
  });

  it('expires', async () => {
    const seal = new SessionSeal(SECRET, 1);
    const { value } = await seal.sealSession({ identity: { role: 'ADMIN', sub: 's' } });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await seal.openSession(value)).toBeUndefined();
  });
});
