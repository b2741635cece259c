import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub } from '../helpers/hub';
import { token } from '../helpers/tokens';

/**
 * One part down loses only what it holds. Found: with the instruments subgraph down, `organisation` came back
 * null (its non-null `instruments` pulled it down), the change feed failed whole, and every outage was an
 * INTERNAL_SERVER_ERROR "contact the team" without a path or the part that failed.
 */
describe('partial answers when a subgraph is down', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let editor: Record<string, string>;
  let since: string;
  beforeAll(async () => {
    hub = await startTestHub();
    editor = { authorization: `Bearer ${await token(hub.dataDir, { role: 'EDITOR', org: 'caw-limburg' })}` };
    // A change in the partners journal, so that the feed has something of its own to serve. The seed's own
    // entries are written while the hub starts, less than a second before it answers: wait past them first.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    since = new Date(Date.now() - 1000).toISOString();
    const org = await hub.graphql('{ organisation(id: "caw-limburg") { version } }');
    const changed = await hub.graphql(
      `mutation ($v: Int!) { updateOrganisation(id: "caw-limburg", version: $v, changes: { note: "nagekeken voor de storingstest" }) { version } }`,
      { v: org.data.organisation.version },
      editor,
    );
    expect(changed.errors).toBeUndefined();
    await hub.subgraphs.find((s) => s.name === 'instruments')!.stop();
  });
  afterAll(() => hub?.stop());

  it('keeps the organisation and nulls only its instruments, with UNAVAILABLE at that path', async () => {
    const res = await hub.graphql('{ organisation(id: "caw-limburg") { name instruments { name } } }');
    expect(res.data.organisation).toEqual({ name: expect.stringContaining('CAW'), instruments: null });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({
      path: ['organisation', 'instruments'],
      extensions: { code: 'UNAVAILABLE', service: 'instruments', reason: 'UNREACHABLE', retryable: true },
    });
    expect(res.errors![0].message).toMatch(/samenwerkingsinstrumenten.*opnieuw proberen is veilig/);
  });

  it('nulls each list item\'s field alone, at its own path', async () => {
    const res = await hub.graphql('{ municipality(nis: "71072") { name servingOrganisations { id instruments { id } } } }');
    const orgs = res.data.municipality.servingOrganisations as Array<{ id: string; instruments: unknown }>;
    expect(res.data.municipality.name).toBe('Hasselt');
    expect(orgs.length).toBeGreaterThan(3);
    expect(orgs.every((o) => o.instruments === null && typeof o.id === 'string')).toBe(true);
    expect(res.errors!.map((e) => e.path)).toEqual(orgs.map((_, i) => ['municipality', 'servingOrganisations', i, 'instruments']));
    expect(res.errors!.every((e) => e.extensions?.code === 'UNAVAILABLE')).toBe(true);
  });

  it('serves the change feed it has and says which part is missing, without moving the cursor past it', async () => {
    const res = await hub.graphql('query ($since: DateTime!) { changes(since: $since) { hasMore endCursor changes { type id } unavailable { service reason message } } }', { since });
    expect(res.errors).toBeUndefined();
    const feed = res.data.changes;
    expect(feed.changes).toContainEqual({ type: 'ORGANISATION', id: 'caw-limburg' });
    expect(feed.unavailable).toEqual([{ service: 'instruments', reason: 'UNREACHABLE', message: expect.any(String) }]);
    expect(feed.hasMore).toBe(false);
    expect(feed.endCursor).toBeNull();
  });

  it('answers what other subgraphs hold without any error', async () => {
    const res = await hub.graphql('{ whoIsWho(municipality: "Hasselt") { cards { municipality { name } policeZone { name } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.whoIsWho.cards[0].policeZone.name).toBe('PZ Limburg Regio Hoofdstad');
  });
});
