import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import { createLogger } from '../../core/logger';
import { type RunningGateway, startGateway } from '../../gateway/server';
import { queryRows } from '../helpers/database';
import { TEST_SIGNING_SECRET, graphql, startTestHub } from '../helpers/hub';
import { type TokenClaims, token } from '../helpers/tokens';

/**
 * The gateway's response cache and HTTP caching (issue 18), on the real hub: a second gateway replica runs beside
 * the hub's own on the same subgraphs and database, as two pods behind one service would. Personal data here is a
 * fictional holder, added to this test's own database only.
 */

const FICTIONAL_NAME = 'Fictieve Cachepersoon';
let hub: Awaited<ReturnType<typeof startTestHub>>;
let replica: RunningGateway;

beforeAll(async () => {
  hub = await startTestHub();
  await queryRows(hub.databaseUrl, `
    INSERT INTO partners.post_holder (id, post_id, person_name, email, phone, fictional, sources)
    VALUES ('fictief-cache-1', 'ariec-limburg-jurist', '${FICTIONAL_NAME}', 'fictief-cache@example.invalid', '+32 0 000 00 01', true,
            '[{"dataset": "fictional test fixture", "locator": "tests/e2e/response-cache.test.ts"}]');`);
  const config = loadConfig({
    NODE_ENV: 'test',
    KETENKAART_DATA_DIR: hub.dataDir,
    SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET,
    GATEWAY_PORT: '0',
    DATABASE_URL: hub.serviceDatabaseUrl,
  });
  const subgraphs = { ...config.subgraphs };
  for (const s of hub.subgraphs) subgraphs[s.name] = { port: Number(new URL(s.url).port), url: s.url };
  replica = await startGateway({ config: { ...config, signingSecret: TEST_SIGNING_SECRET, subgraphs }, log: createLogger('test', 'silent') });
});
afterAll(async () => {
  await replica?.stop();
  await hub?.stop();
});

const bearer = async (claims: TokenClaims) => ({ authorization: `Bearer ${await token(hub.dataDir, claims)}` });

/** Subgraph fetches the gateways have made so far (their own Prometheus histogram, one count per fetch). */
async function subgraphFetches(): Promise<number> {
  const text = await (await fetch(new URL('/metrics', hub.url))).text();
  return [...text.matchAll(/^gateway_subgraph_fetch_duration_seconds_count\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

const WHO_IS_WHO = '{ whoIsWho(municipality: "Hasselt") { matchedBy cards { municipality { name } policeZone { name } veiligHuis { organisation { id name } } ariec { organisation { id } } contacts { title function } } } }';

describe('the response cache', () => {
  it('serves a repeated public whoIsWho without any subgraph fetch, byte for byte the same answer', async () => {
    const post = () => fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: WHO_IS_WHO }) });
    const first = await post();
    const firstBody = await first.text();
    expect(JSON.parse(firstBody).data.whoIsWho.cards[0].municipality.name).toBe('Hasselt');
    const before = await subgraphFetches();
    for (let i = 0; i < 5; i++) {
      const again = await post();
      expect(again.status).toBe(200);
      expect(await again.text()).toBe(firstBody);
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    }
    expect(await subgraphFetches()).toBe(before);
  });

  it('makes a write through one replica visible through the other on the very next request, every time', async () => {
    const READ = 'query($id: ID!) { organisation(id: $id) { id version note } }';
    const WRITE = 'mutation($id: ID!, $version: Int!, $note: String!) { updateOrganisation(id: $id, version: $version, changes: { note: $note }) { version note } }';
    const admin = await bearer({ role: 'ADMIN' });
    for (let round = 1; round <= 8; round++) {
      // The other replica has the answer cached (asked twice: the second is a hit)…
      const seen = await graphql(replica.url, READ, { id: 'caw-limburg' });
      const again = await graphql(replica.url, READ, { id: 'caw-limburg' });
      expect(again.data).toEqual(seen.data);
      const note = `Nota ronde ${round} (test van de cache).`;
      // …a write goes through the hub's gateway…
      const written = await graphql(hub.url, WRITE, { id: 'caw-limburg', version: seen.data.organisation.version, note }, admin);
      expect(written.errors).toBeUndefined();
      // …and the next request to the other replica, sent the moment the write is acknowledged, sees it.
      const after = await graphql(replica.url, READ, { id: 'caw-limburg' });
      expect(after.data.organisation).toEqual({ id: 'caw-limburg', version: seen.data.organisation.version + 1, note });
    }
  });

  it('serves nothing from memory while it cannot hear of writes, and caches again once it listens again', async () => {
    const READ = 'query($id: ID!) { organisation(id: $id) { version note } }';
    const admin = await bearer({ role: 'ADMIN' });
    const seen = await graphql(replica.url, READ, { id: 'fjc-limburg' });
    await graphql(replica.url, READ, { id: 'fjc-limburg' });
    // Both gateways lose their LISTEN connection; a write follows before they are back.
    await queryRows(hub.databaseUrl, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ketenkaart-gateway-cache'");
    const note = 'Nota geschreven zonder luisteraars (test van de cache).';
    const written = await graphql(hub.url, 'mutation($v: Int!, $note: String!) { updateOrganisation(id: "fjc-limburg", version: $v, changes: { note: $note }) { version } }', { v: seen.data.organisation.version, note }, admin);
    expect(written.errors).toBeUndefined();
    expect((await graphql(replica.url, READ, { id: 'fjc-limburg' })).data.organisation.note).toBe(note);
    // Back to listening (retries within a second or two): answers are kept and served from memory again.
    await expect.poll(async () => (await queryRows(hub.databaseUrl, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'ketenkaart-gateway-cache'"))[0].n, { timeout: 10_000 }).toBe(2);
    await graphql(hub.url, READ, { id: 'fjc-limburg' });
    const before = await subgraphFetches();
    expect((await graphql(hub.url, READ, { id: 'fjc-limburg' })).data.organisation.note).toBe(note);
    expect(await subgraphFetches()).toBe(before);
  });

  it('never hands a cached authenticated answer to another role or organisation', async () => {
    const PUBLIC_CARD = '{ organisation(id: "ariec-limburg") { id name posts { id title } } }';
    const partnerA = await bearer({ role: 'PARTNER', org: 'parket-limburg' });
    const partnerB = await bearer({ role: 'PARTNER', org: 'caw-limburg' });
    // Kept per scope: a second request of the same partner organisation is served from memory…
    await graphql(hub.url, PUBLIC_CARD, undefined, partnerA);
    let before = await subgraphFetches();
    await graphql(hub.url, PUBLIC_CARD, undefined, partnerA);
    expect(await subgraphFetches()).toBe(before);
    // …but another organisation's first request is not the first one's answer: it goes to the subgraphs.
    before = await subgraphFetches();
    const other = await graphql(hub.url, PUBLIC_CARD, undefined, partnerB);
    expect(other.errors).toBeUndefined();
    expect(await subgraphFetches()).toBeGreaterThan(before);

    // Personal data is never kept: each caller gets what its own rules give, after an ADMIN asked the same.
    const HOLDERS = '{ organisation(id: "ariec-limburg") { posts { id holders { personName } } } }';
    const admin = await bearer({ role: 'ADMIN' });
    for (let i = 0; i < 2; i++) expect(JSON.stringify((await graphql(hub.url, HOLDERS, undefined, admin)).data)).toContain(FICTIONAL_NAME);
    const anonymous = await graphql(hub.url, HOLDERS);
    expect(JSON.stringify(anonymous)).not.toContain(FICTIONAL_NAME);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const researcher = await graphql(hub.url, HOLDERS, undefined, await bearer({ role: 'RESEARCHER' }));
    expect(JSON.stringify(researcher)).not.toContain(FICTIONAL_NAME);
    // A partner organisation that shares no agreement with ARIEC Limburg sees the post but not who holds it.
    const stranger = await graphql(hub.url, HOLDERS, undefined, await bearer({ role: 'PARTNER', org: 'caw-limburg' }));
    expect(JSON.stringify(stranger.data)).not.toContain(FICTIONAL_NAME);
  });
});

describe('HTTP caching', () => {
  const get = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${hub.url}?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true', ...headers } });

  it('lets shared caches keep answers whose every field is public: public, max-age, ETag, 304 on If-None-Match', async () => {
    // Organisation.id is public; only PostHolder.id is restricted.
    const res = await get('{ organisation(id: "ariec-limburg") { id } }');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const maxAge = Number(/max-age=(\d+)/.exec(res.headers.get('cache-control')!)![1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(300);
    expect(res.headers.get('vary')).toMatch(/Authorization/);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    await res.text();
    // As a proxy or browser revalidates (fetch would add `cache-control: no-cache`, which forbids a 304).
    const revalidate = { 'if-none-match': etag!, 'cache-control': 'max-age=0' };
        const notModified = await get('{ organisation(id: "ariec-limburg") { id } }', revalidate);
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    // A different answer has a different validator: the old one does not match it.
    const other = await get('{ organisation(id: "caw-limburg") { id } }', revalidate);
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('keeps personal data, restricted documents and every authenticated answer private, no-store', async () => {
    const holders = await get('{ organisation(id: "ariec-limburg") { posts { holders { id } } } }');
    expect(holders.headers.get('cache-control')).toBe('private, no-store');
    const authenticated = await get('{ organisation(id: "ariec-limburg") { id } }', await bearer({ role: 'RESEARCHER' }));
    expect(authenticated.status).toBe(200);
    expect(authenticated.headers.get('cache-control')).toBe('private, no-store');
    const text = await get('{ agreement(id: "ariec-limburg-protocolakkoord-bestuurlijke-handhaving") { title text } }');
    expect(text.headers.get('cache-control')).toBe('private, no-store');
  });

  it('lets no shared cache keep an answer with errors', async () => {
    const res = await get('{ whoIsWho(municipality: "Haselt") { matchedBy } }');
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });
});
