import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import { createLogger } from '../../core/logger';
import { type RunningGateway, startGateway } from '../../gateway/server';
import { type RunningSubgraph, startSubgraph } from '../../subgraphs/_shared/subgraph';
import { partners } from '../../subgraphs/partners/definition';
import { queryRows } from '../helpers/database';
import { TEST_SIGNING_SECRET, graphql, startTestHub } from '../helpers/hub';
import { token } from '../helpers/tokens';

/**
 * The rows the subgraphs' loaders keep across requests until the next write (issue 18), on the real hub with the
 * gateway's response cache off, so that every answer below comes from the subgraphs. A second replica of the
 * partners subgraph, with a gateway of its own, runs on the same database, as two pods would.
 */

let hub: Awaited<ReturnType<typeof startTestHub>>;
let replicaPartners: RunningSubgraph;
let replica: RunningGateway;
const statements: Array<{ subgraph: string; sql: string }> = [];
const replicaStatements: string[] = [];

beforeAll(async () => {
  hub = await startTestHub({ env: { RESPONSE_CACHE_MB: '0' }, onQuery: (subgraph, sql) => statements.push({ subgraph, sql }) });
  const config = loadConfig({
    NODE_ENV: 'test',
    KETENKAART_DATA_DIR: hub.dataDir,
    SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET,
    GATEWAY_PORT: '0',
    PARTNERS_PORT: '0',
    RESPONSE_CACHE_MB: '0',
    DATABASE_URL: hub.serviceDatabaseUrl,
  });
  const subgraphs = { ...config.subgraphs };
  for (const s of hub.subgraphs) subgraphs[s.name] = { port: Number(new URL(s.url).port), url: s.url };
  const log = createLogger('test', 'silent');
  replicaPartners = await startSubgraph(partners, { ...config, signingSecret: TEST_SIGNING_SECRET, subgraphs: { ...subgraphs, partners: { port: 0, url: '' } } }, hub.serviceDatabaseUrl, {
    log,
    onQuery: (sql) => replicaStatements.push(sql),
  });
  subgraphs.partners = { port: Number(new URL(replicaPartners.url).port), url: replicaPartners.url };
  replica = await startGateway({ config: { ...config, signingSecret: TEST_SIGNING_SECRET, subgraphs }, log });
});
afterAll(async () => {
  await replica?.stop();
  await replicaPartners?.stop();
  await hub?.stop();
});

const WHO_IS_WHO = '{ whoIsWho(municipality: "Genk") { cards { municipality { name } policeZone { name } judicialDivision { name } veiligHuis { organisation { name } reach { code channels { kind value } } } ariec { organisation { name } } contacts { title function organisation { name } } } } }';
const READ = 'query($id: ID!) { organisation(id: $id) { id version note } }';
const WRITE = 'mutation($id: ID!, $version: Int!, $note: String!) { updateOrganisation(id: $id, version: $version, changes: { note: $note }) { version note } }';
const admin = async () => ({ authorization: `Bearer ${await token(hub.dataDir, { role: 'ADMIN' })}` });

describe('rows kept across requests', () => {
  it('answers a repeated whoIsWho with only the lookup of the name: no row is read twice', async () => {
    const first = await graphql(hub.url, WHO_IS_WHO);
    expect(first.errors).toBeUndefined();
    expect(first.data.whoIsWho.cards[0].municipality.name).toBe('Genk');
    statements.length = 0;
    const again = await graphql(hub.url, WHO_IS_WHO);
    expect(again.data).toEqual(first.data);
    // What is left is the one statement that turns the words asked into a municipality (names, postcodes, typos).
    expect(statements.map((s) => s.subgraph)).toEqual(['territory']);
    expect(statements[0].sql).toMatch(/former_municipality/);
  });

  it('makes a write through one replica visible through the other replica\'s subgraph on the very next request, every time', async () => {
    const headers = await admin();
    for (let round = 1; round <= 6; round++) {
      const seen = await graphql(replica.url, READ, { id: 'caw-limburg' });
      replicaStatements.length = 0;
      // Asked again, the other replica's partners subgraph answers from what it kept…
      expect((await graphql(replica.url, READ, { id: 'caw-limburg' })).data).toEqual(seen.data);
      expect(replicaStatements).toEqual([]);
      const note = `Nota ronde ${round} (test van de gedeelde leesrijen).`;
      // …a write goes through the hub's own gateway and partners subgraph…
      const written = await graphql(hub.url, WRITE, { id: 'caw-limburg', version: seen.data.organisation.version, note }, headers);
      expect(written.errors).toBeUndefined();
      // …and the next request to the other replica, sent the moment the write is acknowledged, sees it.
      const after = await graphql(replica.url, READ, { id: 'caw-limburg' });
      expect(after.data.organisation).toEqual({ id: 'caw-limburg', version: seen.data.organisation.version + 1, note });
    }
  });

  it('makes a confirmation, which is no new version, visible through the other replica on the next request', async () => {
    const READ_CONFIRMED = '{ organisation(id: "ariec-limburg") { version lastConfirmed } }';
    const seen = await graphql(replica.url, READ_CONFIRMED);
    await graphql(replica.url, READ_CONFIRMED);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' });
    expect(seen.data.organisation.lastConfirmed).not.toBe(today);
    const confirmed = await graphql(hub.url, 'mutation { confirmOrganisation(id: "ariec-limburg") { lastConfirmed } }', undefined, await admin());
    expect(confirmed.errors).toBeUndefined();
    expect((await graphql(replica.url, READ_CONFIRMED)).data.organisation).toEqual({ version: seen.data.organisation.version, lastConfirmed: today });
  });

  it('reads from PostgreSQL while it cannot hear of writes, and keeps rows again once it listens again', async () => {
    const headers = await admin();
    const seen = await graphql(replica.url, READ, { id: 'fjc-limburg' });
    await queryRows(hub.databaseUrl, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ketenkaart-shared-reads'");
    const note = 'Nota geschreven zonder luisteraars (test van de gedeelde leesrijen).';
    const written = await graphql(hub.url, WRITE, { id: 'fjc-limburg', version: seen.data.organisation.version, note }, headers);
    expect(written.errors).toBeUndefined();
    expect((await graphql(replica.url, READ, { id: 'fjc-limburg' })).data.organisation.note).toBe(note);
    // Five subgraphs listen: the hub's four and the replica (each retries within a second or two).
    await expect.poll(async () => (await queryRows(hub.databaseUrl, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'ketenkaart-shared-reads'"))[0].n, { timeout: 10_000 }).toBe(5);
    await graphql(replica.url, READ, { id: 'fjc-limburg' });
    replicaStatements.length = 0;
    expect((await graphql(replica.url, READ, { id: 'fjc-limburg' })).data.organisation.note).toBe(note);
    expect(replicaStatements).toEqual([]);
  });
});
