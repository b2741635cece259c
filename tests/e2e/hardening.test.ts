import { SignJWT, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ALGORITHM, ensureDevKeys } from '../../gateway/auth/dev-keys';
import { RequestVerifier, encodeIdentity, signedHeaders } from '../../core/auth/signing';
import { loadConfig } from '../../core/config';
import { createLogger } from '../../core/logger';
import { partners } from '../../subgraphs/partners/definition';
import { startSubgraph } from '../../subgraphs/_shared/subgraph';
import { queryRows } from '../helpers/database';
import { TEST_SIGNING_SECRET, startTestHub } from '../helpers/hub';
import { token } from '../helpers/tokens';

/** Findings of an outside security test, each reproduced here first: request ids, tokens, feed cursors. */
describe('hardening', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let editor: Record<string, string>;
  beforeAll(async () => {
    hub = await startTestHub();
    editor = { authorization: `Bearer ${await token(hub.dataDir, { role: 'EDITOR', org: 'caw-limburg' })}` };
  });
  afterAll(() => hub?.stop());

  /** A development token with claims and times as given (seconds since the epoch). */
  async function craftedToken(times: { iat?: number; exp: number }): Promise<string> {
    const { privateJwk } = await ensureDevKeys(hub.dataDir);
    const jwt = new SignJWT({ role: 'EDITOR', org: 'caw-limburg' })
      .setProtectedHeader({ alg: DEV_ALGORITHM, kid: privateJwk.kid })
      .setSubject('test-editor')
      .setIssuer('ketenkaart-dev')
      .setAudience('ketenkaart')
      .setExpirationTime(times.exp);
    if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
    return jwt.sign(await importJWK(privateJwk, DEV_ALGORITHM));
  }

  describe('request ids', () => {
    it("keys the audit trail and the journal by the gateway's own id, never the client's", async () => {
      const version = (await hub.graphql('{ organisation(id: "caw-limburg") { version } }')).data.organisation.version;
      // A sane id of someone else's earlier request: logged beside ours at most, never the key.
      const clientId = 'admin-write-1';
      const res = await fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': clientId, ...editor },
        body: JSON.stringify({ query: `mutation { updateOrganisation(id: "caw-limburg", version: ${version}, changes: { note: "request-id test" }) { version } }` }),
      });
      const body = (await res.json()) as { errors?: unknown };
      expect(body.errors).toBeUndefined();
      const ours = res.headers.get('x-request-id')!;
      expect(ours).toMatch(/^[0-9a-f-]{36}$/);
      const [audit] = await queryRows<{ request_id: string }>(hub.databaseUrl, "SELECT request_id FROM partners.audit_log WHERE target = 'ORGANISATION:caw-limburg' ORDER BY seq DESC LIMIT 1");
      expect(audit!.request_id).toBe(ours);
      const huge = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'x'.repeat(5000) }, body: '{"query":"{ __typename }"}' });
      expect(huge.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const ids = await queryRows<{ id: string }>(hub.databaseUrl, 'SELECT DISTINCT request_id AS id FROM partners.audit_log UNION SELECT DISTINCT request_id FROM partners.record_version');
      expect(ids.map((r) => r.id)).not.toContain(clientId);
    });

    it('refuses a captured subgraph call replayed on another replica of the same subgraph', async () => {
      // A second partners replica on the same database, as behind a load balancer.
      const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET, PARTNERS_PORT: '0' });
      const second = await startSubgraph(partners, { ...config, signingSecret: TEST_SIGNING_SECRET }, hub.serviceDatabaseUrl, { log: createLogger('test', 'silent') });
      try {
        const first = hub.subgraphs.find((s) => s.name === 'partners')!.url;
        const body = JSON.stringify({ query: '{ organisation(id: "caw-limburg") { name } }' });
        const headers = { 'content-type': 'application/json', ...signedHeaders(TEST_SIGNING_SECRET, encodeIdentity({ role: 'ANONYMOUS' }), body) };
        const original = await fetch(first, { method: 'POST', headers, body });
        expect(original.status).toBe(200);
        const replayed = await fetch(second.url, { method: 'POST', headers, body });
        expect(replayed.status).toBe(401);
        expect(await fetch(first, { method: 'POST', headers, body }).then((r) => r.status)).toBe(401);
        // A fresh signature still passes on the second replica: the refusal is the replay, not the replica.
        const fresh = { 'content-type': 'application/json', ...signedHeaders(TEST_SIGNING_SECRET, encodeIdentity({ role: 'ANONYMOUS' }), body) };
        expect(await fetch(second.url, { method: 'POST', headers: fresh, body }).then((r) => r.status)).toBe(200);
      } finally {
        await second.stop();
      }
    });

    it('refuses a signed subgraph call whose request id was changed on the way (the signature covers it)', async () => {
      const partners = hub.subgraphs.find((s) => s.name === 'partners')!.url;
      const body = JSON.stringify({ query: '{ __typename }' });
      const headers = signedHeaders(TEST_SIGNING_SECRET, encodeIdentity({ role: 'ANONYMOUS' }), body, { requestId: 'original' });
      const changed = await fetch(partners, { method: 'POST', headers: { 'content-type': 'application/json', ...headers, 'x-request-id': 'someone-elses' }, body });
      expect(changed.status).toBe(401);
      const fresh = signedHeaders(TEST_SIGNING_SECRET, encodeIdentity({ role: 'ANONYMOUS' }), body, { requestId: 'original' });
      expect((await fetch(partners, { method: 'POST', headers: { 'content-type': 'application/json', ...fresh }, body })).status).toBe(200);
    });
  });

  describe('tokens', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const ask = async (authorization: string) => hub.graphql('{ organisation(id: "caw-limburg") { name } }', undefined, { authorization });

    it('refuses a token issued in the future', async () => {
      const res = await ask(`Bearer ${await craftedToken({ iat: now() + 3600, exp: now() + 7200 })}`);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.errors![0].message).toMatch(/iat/);
    });

    it('refuses a token that lives longer than the maximum token age, and one without iat', async () => {
      const century = await ask(`Bearer ${await craftedToken({ iat: now(), exp: now() + 100 * 365 * 86_400 })}`);
      expect(century.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(century.errors![0].message).toMatch(/longer than/);
      const old = await ask(`Bearer ${await craftedToken({ iat: now() - 2 * 86_400, exp: now() + 3600 })}`);
      expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const noIat = await ask(`Bearer ${await craftedToken({ exp: now() + 3600 })}`);
      expect(noIat.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('matches the Bearer scheme case-insensitively', async () => {
      const jwt = await token(hub.dataDir, { role: 'EDITOR', org: 'caw-limburg' });
      for (const scheme of ['bearer', 'BEARER', 'Bearer']) expect((await ask(`${scheme} ${jwt}`)).errors).toBeUndefined();
    });
  });

  describe('the audit trail', () => {
    it('records failed authentication and authorisation attempts, grouped per caller and operation, with their count', async () => {
      const before = Date.now();
      for (let i = 0; i < 3; i++) {
        const res = await hub.graphql('query BadToken { organisation(id: "caw-limburg") { name } }', undefined, { authorization: 'Bearer not.a.token' });
        expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
      const denied = await hub.graphql('query PeekAudit { auditLog(first: 1) { nodes { target } } }', undefined, editor);
      expect(denied.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
      // The gateway reports every few seconds.
      let entries: Array<{ role: string; subject: string | null; organisation: string | null; target: string; details: Record<string, any> }> = [];
      const found = (target: string) => entries.find((e) => e.target === target);
      for (let waited = 0; waited < 15_000 && !(found('UNAUTHENTICATED:BadToken') && found('UNAUTHORIZED_FIELD_OR_TYPE:PeekAudit')); waited += 250) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        entries = await queryRows(hub.databaseUrl, "SELECT role, subject, organisation, target, details FROM partners.audit_log WHERE action = 'ACCESS_REFUSED' AND at >= $1 ORDER BY seq", [new Date(before - 1000)]);
      }
      const token = found('UNAUTHENTICATED:BadToken');
      expect(token).toMatchObject({ role: 'ANONYMOUS', subject: null, details: { code: 'UNAUTHENTICATED', count: 3 } });
      expect(token!.details.address).toBeTruthy();
      const field = found('UNAUTHORIZED_FIELD_OR_TYPE:PeekAudit');
      expect(field).toMatchObject({ role: 'EDITOR', subject: 'test-editor', organisation: 'caw-limburg', details: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', count: 1, fields: ['auditLog'] } });
    });

    it('takes refusals only from the gateway: an unsigned report is refused', async () => {
      const partners = new URL('/internal/access-refusals', hub.subgraphs.find((s) => s.name === 'partners')!.url);
      const res = await fetch(partners, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refusals: [] }) });
      expect(res.status).toBe(401);
    });

    it('records every read of itself, before it answers, with who read it', async () => {
      const admin = { authorization: `Bearer ${await token(hub.dataDir, { role: 'ADMIN' })}` };
      const read = () => hub.graphql('{ auditLog(first: 20) { nodes { action target role subject requestId } } }', undefined, admin);
      const first = await read();
      expect(first.errors).toBeUndefined();
      const second = await read();
      const reads = (second.data.auditLog.nodes as Array<{ action: string; target: string; role: string; subject: string }>).filter((e) => e.action === 'READ_AUDIT_LOG');
      // The second read already sees the first one, and its own.
      expect(reads.length).toBeGreaterThanOrEqual(2);
      expect(reads[0]).toMatchObject({ target: 'Query.auditLog', role: 'ADMIN', subject: 'test-admin' });
    });
  });

  describe('change feed cursors', () => {
    it('are made only of what their own entry shows: no journal sequence, so no trace of hidden entries', async () => {
      const since = new Date(Date.now() - 60_000).toISOString();
      const res = await hub.graphql('query ($since: DateTime!) { changes(since: $since, first: 50) { endCursor changes { type id version at cursor } } }', { since });
      expect(res.errors).toBeUndefined();
      const changes = res.data.changes.changes as Array<{ type: string; id: string; version: number; at: string; cursor: string }>;
      expect(changes.length).toBeGreaterThan(0);
      for (const change of changes) {
        const decoded = JSON.parse(Buffer.from(change.cursor, 'base64url').toString('utf8'));
        expect(Object.keys(decoded).sort()).toEqual(['e', 'i', 's', 't', 'v']);
        expect(decoded).toMatchObject({ e: change.type, i: change.id, v: change.version });
        expect(Date.parse(decoded.t)).toBe(Date.parse(change.at));
      }
    });
  });
});

describe('signing secret rotation', () => {
  it('accepts requests signed with the previous secret while it is configured, and only then', async () => {
    const current = 'the-new-signing-secret-0123456789abcdef';
    const previous = 'the-old-signing-secret-0123456789abcdef';
    const body = '{"query":"{ __typename }"}';
    const identity = encodeIdentity({ role: 'ANONYMOUS' });
    const rotating = new RequestVerifier(current, previous);
    expect((await rotating.verify(signedHeaders(previous, identity, body), body)).identity.role).toBe('ANONYMOUS');
    expect((await rotating.verify(signedHeaders(current, identity, body), body)).identity.role).toBe('ANONYMOUS');
    await expect(new RequestVerifier(current).verify(signedHeaders(previous, identity, body), body)).rejects.toThrow(/bad signature/);
  });
});

describe('rate limiting', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => {
    hub = await startTestHub({ env: { RATE_LIMIT_PER_ADDRESS: '10', RATE_LIMIT_PER_IDENTITY: '3' } });
  });
  afterAll(() => hub?.stop());

  const ask = (headers: Record<string, string> = {}) =>
    fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"query":"{ __typename }"}' });

  it('answers 429 with Retry-After, per signed-in identity and per address', async () => {
    const editor = { authorization: `Bearer ${await token(hub.dataDir, { role: 'EDITOR', org: 'caw-limburg' })}` };
    for (let i = 0; i < 3; i++) expect((await ask(editor)).status).toBe(200);
    const overIdentity = await ask(editor);
    expect(overIdentity.status).toBe(429);
    expect(Number(overIdentity.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await overIdentity.json()) as any).errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limitPerMinute: 3 });
    // The address has used 4 of its 10: six more anonymous requests, then it is refused too.
    for (let i = 0; i < 6; i++) expect((await ask()).status).toBe(200);
    const overAddress = await ask();
    expect(overAddress.status).toBe(429);
    expect(overAddress.headers.get('content-type')).toMatch(/application\/json/);
    expect(((await overAddress.json()) as any).errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limitPerMinute: 10 });
  });
});
