import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER, encodeIdentity, signedHeaders } from '../../core/auth/signing';
import { applyAuthDirectives } from '../../subgraphs/_shared/auth/directive';
import { mayReach } from '../../core/auth/permissions';
import type { Identity } from '../../core/auth/roles';
import { SCHEMA_DIR } from '../../core/paths';
import { rulesFromSupergraph } from '../../gateway/auth/rules';
import { SUBGRAPHS } from '../../subgraphs';
import { queryRows } from '../helpers/database';
import { TEST_SIGNING_SECRET, startTestHub } from '../helpers/hub';
import { token, unsignedToken } from '../helpers/tokens';

/**
 * Authorisation that cannot be bypassed (docs/security.md). Personal data here is fictional test data, added to
 * this test's own database only: a fictional holder of the ARIEC Limburg lawyer post, and a fictional text.
 */

const FICTIONAL_NAME = 'Fictieve Testpersoon';
const FICTIONAL_TEXT = 'Fictieve testtekst van het protocol';
const supergraph = fs.readFileSync(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
const rules = rulesFromSupergraph(supergraph);
/** Fields of the supergraph marked @inaccessible: composed, but not part of the API clients see. */
const INACCESSIBLE = new Set(
  parse(supergraph).definitions.flatMap((def) =>
    def.kind === Kind.OBJECT_TYPE_DEFINITION
      ? (def.fields ?? []).filter((f) => f.directives?.some((d) => d.name.value === 'inaccessible')).map((f) => `${def.name.value}.${f.name.value}`)
      : [],
  ),
);

let hub: Awaited<ReturnType<typeof startTestHub>>;
beforeAll(async () => {
  hub = await startTestHub();
  await queryRows(hub.databaseUrl, `
    INSERT INTO partners.post_holder (id, post_id, person_name, email, phone, fictional, sources)
    VALUES ('fictief-1', 'ariec-limburg-jurist', '${FICTIONAL_NAME}', 'fictief@example.invalid', '+32 0 000 00 00', true,
            '[{"dataset": "fictional test fixture", "locator": "tests/e2e/security.test.ts"}]');
    UPDATE partners.agreement SET text = '${FICTIONAL_TEXT}' WHERE id = 'ariec-limburg-protocolakkoord-bestuurlijke-handhaving';`);
});
afterAll(() => hub?.stop());

const as = async (claims: { role: string; org?: string; municipalities?: string[] } | null): Promise<Record<string, string>> =>
  claims ? { authorization: `Bearer ${await token(hub.dataDir, claims)}` } : {};

const HOLDERS = '{ organisation(id: "ariec-limburg") { name posts { id holders { personName email } } } }';
const TEXT = '{ agreement(id: "ariec-limburg-protocolakkoord-bestuurlijke-handhaving") { title text } }';

describe('every field has an explicit rule', () => {
  it('puts @auth on every field of every object type of the supergraph', () => {
    const missing: string[] = [];
    for (const def of parse(supergraph).definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION || def.name.value.startsWith('_') || def.name.value.startsWith('join__') || def.name.value.startsWith('link__')) continue;
      for (const field of def.fields ?? []) if (!field.directives?.some((d) => d.name.value === 'auth')) missing.push(`${def.name.value}.${field.name.value}`);
    }
    expect(missing).toEqual([]);
    expect(rules.size).toBeGreaterThan(300);
  });

  it('fails the schema build for a field without a rule, and for a rule without a field', async () => {
    expect(() => applyAuthDirectives('type Query { a: Int b: Int }', { Query: { a: { roles: ['ANONYMOUS'] } } })).toThrowError(/Query\.b has no rule/);
    expect(() => applyAuthDirectives('type Query { a: Int }', { Query: { a: { roles: ['ANONYMOUS'] }, gone: { roles: ['ANONYMOUS'] } } })).toThrowError(/Query\.gone has a rule but no such field/);
    expect(() => applyAuthDirectives('type Query { a: Int! }', { Query: { a: { roles: ['ADMIN'] } } })).toThrowError(/restricted, so it must be nullable/);
  });

  it('gives the gateway and every subgraph the same rule for each field', async () => {
    for (const def of SUBGRAPHS) {
      const sdl = fs.readFileSync(path.join(SCHEMA_DIR, `${def.name}.graphql`), 'utf8');
      for (const [key, rule] of rulesFromSupergraph(sdl)) expect({ key, rule }).toEqual({ key, rule: rules.get(key) });
    }
  });
});

describe('role × field matrix through the gateway', () => {
  // Restricted fields, each with a query reaching it and the data that must never leak when denied.
  const cases: Array<{ field: string; query: string; secret: string }> = [
    { field: 'Post.holders', query: HOLDERS, secret: FICTIONAL_NAME },
    { field: 'Agreement.text', query: TEXT, secret: FICTIONAL_TEXT },
    { field: 'Query.auditLog', query: '{ auditLog { totalCount nodes { target } } }', secret: 'Post.holders' },
    { field: 'Query.staleRecords', query: '{ staleRecords(olderThanDays: 0) { records { id } } }', secret: 'fjc-limburg-casusregisseur' },
    // Editors and admins; an editor gets their own organisation's report (scope: tests/e2e/gaps.test.ts).
    { field: 'Query.registryGaps', query: '{ registryGaps { records { recordId gaps { code } } } }', secret: 'NO_CONTACT_POINT' },
  ];
  const identities: Array<{ who: string; claims: Parameters<typeof as>[0]; sees: Record<string, boolean> }> = [
    { who: 'anonymous', claims: null, sees: { 'Post.holders': false, 'Agreement.text': false, 'Query.auditLog': false } },
    { who: 'researcher', claims: { role: 'RESEARCHER' }, sees: { 'Post.holders': false, 'Agreement.text': false, 'Query.auditLog': false } },
    // Editors keep their own organisation's post holders current, so they see those (and only those).
    { who: 'editor of ARIEC Limburg', claims: { role: 'EDITOR', org: 'ariec-limburg' }, sees: { 'Post.holders': true, 'Agreement.text': false, 'Query.auditLog': false, 'Query.registryGaps': true } },
    { who: 'editor of CAW Limburg', claims: { role: 'EDITOR', org: 'caw-limburg' }, sees: { 'Post.holders': false, 'Agreement.text': false, 'Query.auditLog': false, 'Query.registryGaps': true } },
    // A confirmed party of the seeded protocol, so it reads the protocol's text; but the protocol's start is not in
    // the sources, and an agreement not known to be in force grants no access to personal data (partner-access.test.ts).
    { who: 'partner of a shared agreement whose start is unknown (parket Limburg)', claims: { role: 'PARTNER', org: 'parket-limburg' }, sees: { 'Post.holders': false, 'Agreement.text': true, 'Query.auditLog': false } },
    { who: 'partner of no shared agreement (CAW Limburg)', claims: { role: 'PARTNER', org: 'caw-limburg' }, sees: { 'Post.holders': false, 'Agreement.text': false, 'Query.auditLog': false } },
    { who: 'local government of Hasselt', claims: { role: 'LOCAL_GOVERNMENT', municipalities: ['71072'] }, sees: { 'Post.holders': true, 'Agreement.text': false, 'Query.auditLog': false } },
    { who: 'local government of Gent', claims: { role: 'LOCAL_GOVERNMENT', municipalities: ['44021'] }, sees: { 'Post.holders': false, 'Agreement.text': false, 'Query.auditLog': false } },
    { who: 'admin', claims: { role: 'ADMIN' }, sees: { 'Post.holders': true, 'Agreement.text': true, 'Query.auditLog': true, 'Query.staleRecords': true, 'Query.registryGaps': true } },
  ];

  it('covers every restricted field of the supergraph (a new restricted field needs its row here)', () => {
    const restricted = [...rules]
      .filter(([key, rule]) => !rule.roles.includes('ANONYMOUS') && !key.startsWith('PostHolder.') && !key.startsWith('AuditEntry') && !key.startsWith('Mutation.') && !INACCESSIBLE.has(key))
      .map(([key]) => key);
    // PostHolder's and AuditEntry's fields are reachable only through Post.holders and Query.auditLog; writes have
    // their own test below; @inaccessible fields are not in the API at all (also tested below).
    expect(restricted.sort()).toEqual(cases.map((c) => c.field).sort());
  });

  it('lets only editors and admins write: every mutation is for EDITOR and ADMIN at most', () => {
    const writes = [...rules].filter(([key]) => key.startsWith('Mutation.'));
    expect(writes.length).toBeGreaterThan(15);
    for (const [key, rule] of writes) {
      expect({ key, roles: rule.roles.filter((r) => r !== 'EDITOR' && r !== 'ADMIN') }).toEqual({ key, roles: [] });
      expect({ key, scoped: rule.scoped ?? [] }).toEqual({ key, scoped: [] });
    }
  });

  it('keeps service-to-service fields (@inaccessible) out of the API', async () => {
    expect([...INACCESSIBLE].sort()).toEqual(['ProtocolQuestion.argumentsChecked', 'Query.instrumentChanges', 'Query.instrumentsAuditLog', 'Query.staleInstruments']);
    const res = await hub.graphql('{ instrumentsAuditLog { target } }', undefined, await as({ role: 'ADMIN' }));
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const check = await hub.graphql('{ whichProtocolApplies(phenomenon: "intrafamiliaal geweld", municipality: "Genk", partners: ["CAW"]) { argumentsChecked } }');
    expect(check.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  for (const { who, claims, sees } of identities) {
    for (const { field, query, secret } of cases) {
      it(`${who} ${sees[field] ? 'sees' : 'does not see'} ${field}`, async () => {
        const res = await hub.graphql(query, undefined, await as(claims));
        const body = JSON.stringify(res);
        if (sees[field]) {
          expect(res.errors).toBeUndefined();
          expect(body).toContain(secret);
        } else {
          expect(res.errors?.some((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE')).toBe(true);
          expect(body).not.toContain(secret);
          if (field !== 'Query.auditLog') expect(body).not.toContain('fictief@example.invalid');
        }
      });
    }
  }

  it('lets public fields through for anonymous callers while denying the personal one beside them', async () => {
    const res = await hub.graphql(HOLDERS);
    expect(res.data.organisation.name).toContain('ARIEC');
    expect(res.data.organisation.posts.length).toBeGreaterThan(0);
    for (const post of res.data.organisation.posts) expect(post.holders).toBeNull();
    // One error per denied field in the answer, at its path with the list index (as graphql-js reports them).
    expect(res.errors).toEqual(
      res.data.organisation.posts.map((_: unknown, i: number) => expect.objectContaining({ path: ['organisation', 'posts', i, 'holders'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } })),
    );
  });

  it('audits every read of personal data, in a log that no role can change', async () => {
    await hub.graphql(HOLDERS, undefined, await as({ role: 'LOCAL_GOVERNMENT', municipalities: ['71072'] }));
    const log = await hub.graphql('{ auditLog(first: 50) { nodes { role organisation action target requestId subject } } }', undefined, await as({ role: 'ADMIN' }));
    expect(log.data.auditLog.nodes).toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'LOCAL_GOVERNMENT', action: 'READ_PERSONAL_DATA', target: 'Post.holders:ariec-limburg-jurist', requestId: expect.any(String) })]),
    );
    await expect(queryRows(hub.databaseUrl, "UPDATE partners.audit_log SET role = 'ADMIN'")).rejects.toThrow(/append-only/);
    await expect(queryRows(hub.databaseUrl, 'DELETE FROM partners.audit_log')).rejects.toThrow(/append-only/);
    await expect(queryRows(hub.databaseUrl, 'TRUNCATE partners.audit_log')).rejects.toThrow(/append-only/);
  });

  it('marks responses with personal data, and every authenticated response, cache-control: private', async () => {
    const res = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await as({ role: 'ADMIN' })) }, body: JSON.stringify({ query: HOLDERS }) });
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const anonymous = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: HOLDERS }) });
    expect(anonymous.headers.get('cache-control')).toBe('private, no-store');
    // Only an anonymous answer whose every field is public may be kept by a shared cache (issue 18).
    const publicOnly = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ municipality(nis: "71072") { name } }' }) });
    expect(publicOnly.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
  });
});

describe('tricks to reach a denied field', () => {
  const leaks = (res: unknown) => JSON.stringify(res).includes(FICTIONAL_NAME);
  it.each([
    ['aliases', '{ o: organisation(id: "ariec-limburg") { p: posts { h: holders { n: personName } } } }'],
    ['a named fragment', '{ organisation(id: "ariec-limburg") { posts { ...H } } } fragment H on Post { holders { personName } }'],
    ['an inline fragment', '{ organisation(id: "ariec-limburg") { posts { ... on Post { holders { personName } } } } }'],
    ['nested fragments', '{ organisation(id: "ariec-limburg") { ...O } } fragment O on Organisation { posts { ...P } } fragment P on Post { ... on Post { holders { personName } } }'],
    ['the same field twice', '{ organisation(id: "ariec-limburg") { posts { holders { personName } again: holders { email } } } }'],
    ['a search hit', '{ search(query: "ARIEC Limburg") { organisation { posts { holders { personName } } } } }'],
    ['a who-is-who card', '{ whoIsWho(municipality: "Hasselt") { cards { contacts { holders { personName } } } } }'],
  ])('refuses %s', async (_trick, query) => {
    const res = await hub.graphql(query, undefined, await as({ role: 'RESEARCHER' }));
    expect(leaks(res)).toBe(false);
    expect(res.errors?.some((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE')).toBe(true);
  });

  it('ignores an identity header set by the client', async () => {
    const res = await hub.graphql(HOLDERS, undefined, { [HEADER.identity]: encodeIdentity({ role: 'ADMIN' }) });
    expect(leaks(res)).toBe(false);
  });
});

describe('tokens', () => {
  const claims = { role: 'ADMIN' };
  it.each([
    ['alg: none', () => unsignedToken(claims)],
    ['a wrong audience', () => token(hub.dataDir, claims, { audience: 'someone-else' })],
    ['a wrong issuer', () => token(hub.dataDir, claims, { issuer: 'https://evil.example' })],
    ['an expired token', () => token(hub.dataDir, claims, { expiresAt: Math.floor(Date.now() / 1000) - 3600 })],
    ['a token signed by an unknown key', () => token(hub.dataDir, claims, { unknownKey: true })],
    ['a tampered token', async () => {
      const [h, p, s] = (await token(hub.dataDir, { role: 'RESEARCHER' })).split('.');
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
      return [h, Buffer.from(JSON.stringify({ ...payload, role: 'ADMIN' })).toString('base64url'), s].join('.');
    }],
  ])('refuses %s with UNAUTHENTICATED and no data', async (_what, make) => {
    const res = await hub.graphql(HOLDERS, undefined, { authorization: `Bearer ${await make()}` });
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data).toBeUndefined();
  });

  it('refuses a partner token without an organisation', async () => {
    const res = await hub.graphql(HOLDERS, undefined, { authorization: `Bearer ${await token(hub.dataDir, { role: 'PARTNER' })}` });
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('org claim') });
  });
});

describe('subgraphs trust only the gateway', () => {
  const partnersUrl = () => hub.subgraphs.find((s) => s.name === 'partners')!.url;
  const ENTITIES = JSON.stringify({
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation { name posts { holders { personName } } } } }',
    variables: { r: [{ __typename: 'Organisation', id: 'ariec-limburg' }] },
  });
  const post = (headers: Record<string, string>, body = ENTITIES) =>
    fetch(partnersUrl(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const signedAs = (identity: Identity, body = ENTITIES) => signedHeaders(TEST_SIGNING_SECRET, encodeIdentity(identity), body);

  it('refuses an unsigned request, including _entities', async () => {
    const res = await post({});
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain(FICTIONAL_NAME);
  });

  it('refuses a replayed, a tampered and a forged request', async () => {
    const headers = signedAs({ role: 'ADMIN' });
    expect((await post(headers)).status).toBe(200);
    expect((await post(headers)).status).toBe(401); // the same nonce again
    const tampered = ENTITIES.replace('ariec-limburg', 'parket-limburg');
    expect((await post(signedAs({ role: 'ADMIN' }), tampered)).status).toBe(401);
    const forged = signedHeaders('not-the-secret-but-long-enough-0123456789', encodeIdentity({ role: 'ADMIN' }), ENTITIES);
    expect((await post(forged)).status).toBe(401);
  });

  it('applies the same rules on _entities for every role (graphql-shield, default deny)', async () => {
    const matrix: Array<[Identity, boolean]> = [
      [{ role: 'ANONYMOUS' }, false],
      [{ role: 'RESEARCHER' }, false],
      [{ role: 'PARTNER', org: 'caw-limburg' }, false],
      // A confirmed party, but of an agreement whose start is unknown: not in force, no access.
      [{ role: 'PARTNER', org: 'parket-limburg' }, false],
      [{ role: 'LOCAL_GOVERNMENT', municipalities: ['44021'] }, false],
      [{ role: 'LOCAL_GOVERNMENT', municipalities: ['71072'] }, true],
      [{ role: 'ADMIN' }, true],
    ];
    for (const [identity, sees] of matrix) {
      const body = (await (await post(signedAs(identity))).json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
      expect({ identity, sees: JSON.stringify(body).includes(FICTIONAL_NAME) }).toEqual({ identity, sees });
      // The rule the subgraph applied is the rule the gateway reads from the supergraph.
      expect(mayReach(rules.get('Post.holders')!, identity) || !sees).toBe(true);
      if (!sees) expect(body.errors?.some((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE')).toBe(true);
    }
  });
});

describe('hardening', () => {
  it('refuses an over-deep query', async () => {
    const deep = `{ organisation(id: "ariec-limburg") { ${'parent { '.repeat(14)}name${' }'.repeat(14)} } }`;
    const res = await hub.graphql(deep);
    expect(res.errors?.[0].message).toMatch(/depth/i);
    expect(res.data ?? null).toBeNull();
  });

  it('refuses an over-wide query (too many aliases)', async () => {
    const wide = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: municipality(nis: "71072") { name }`).join(' ')} }`;
    const res = await hub.graphql(wide);
    expect(res.errors?.[0].message).toMatch(/alias/i);
  });

  it('treats __proto__ in input as plain data, without crashing or polluting', async () => {
    const res = await hub.graphql('query($p: [String!]!) { whichProtocolApplies(phenomenon: "IFG", municipality: "Hasselt", partners: $p) { applicable { status } } }', { p: ['__proto__'] });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const filter = await hub.graphql('query($f: OrganisationFilter) { organisations(filter: $f) { totalCount } }', JSON.parse('{"f": {"__proto__": {"kind": "ARIEC"}}}'));
    expect(filter.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).kind).toBeUndefined();
  });

  it('refuses batched requests and oversized bodies', async () => {
    const batch = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]) });
    expect(batch.status).toBe(400);
    const big = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(200_000)}` }) });
    expect(big.status).toBe(413);
  });

  it('refuses a cross-site form post (CSRF prevention)', async () => {
    const res = await fetch(`${hub.url}?query=${encodeURIComponent('{ __typename }')}`, { method: 'GET' });
    expect(res.status).toBe(400);
  });
});

describe('production mode', () => {
  let production: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => {
    const keyFile = path.join(hub.dataDir, 'keys', 'dev-public.jwk.json');
    production = await startTestHub({ env: { NODE_ENV: 'production', JWT_PUBLIC_KEY_FILE: keyFile } });
  });
  afterAll(() => production?.stop());

  it('turns introspection and field suggestions off, and shows no internals in errors', async () => {
    const introspection = await production.graphql('{ __schema { types { name } } }');
    expect(introspection.errors?.[0].message).toMatch(/introspection/i);
    const typo = await production.graphql('{ municipalty(nis: "71072") { name } }');
    expect(JSON.stringify(typo)).not.toMatch(/Did you mean/);
  });

  it('serves no GraphiQL, and names no internal service in errors', async () => {
    const page = await fetch(production.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/application\/json/);
    expect(await page.text()).not.toContain('graphiql');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    // A subgraph's own refusal, which @apollo/gateway labels with the subgraph's internal name.
    const notFound = await production.graphql('{ whoIsWho(municipality: "Nergensdorp") { cards { municipality { name } } } }');
    expect(notFound.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(notFound.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(notFound.errors)).not.toMatch(/serviceName/);
  });
});

describe('GraphiQL outside production', () => {
  it('is served with a content security policy, no framing and no sniffing', async () => {
    const page = await fetch(hub.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'self' 'sha256-[^']+'.*frame-ancestors 'none'/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
