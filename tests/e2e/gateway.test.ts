import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub } from '../helpers/hub';

describe('the hub through the real gateway', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub?.stop());

  it('answers one query across all four subgraphs: municipality → organisations → instruments → legal bases', async () => {
    const res = await hub.graphql(`{
      municipality(nis: "71072") {
        name
        policeZone { name }
        servingOrganisations { id name kind instruments { id name legalBases { id title sources { document locator } } } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    const m = res.data.municipality;
    expect(m.name).toBe('Hasselt');
    expect(m.policeZone.name).toBe('PZ Limburg Regio Hoofdstad');
    const parket = m.servingOrganisations.find((o: { id: string }) => o.id === 'parket-limburg');
    expect(parket).toMatchObject({ kind: 'PARKET' });
    const withLegal = m.servingOrganisations
      .flatMap((o: { instruments: Array<{ legalBases: Array<{ id: string; title: string; sources: unknown[] }> }> }) => o.instruments)
      .flatMap((i: { legalBases: Array<{ id: string; title: string; sources: unknown[] }> }) => i.legalBases);
    // Legal bases are resolved by the legal subgraph, with their titles and sources.
    expect(withLegal.length).toBeGreaterThan(0);
    expect(withLegal.map((l: { id: string }) => l.id)).toContain('sw-art-458ter');
    for (const l of withLegal) {
      expect(l.title).toEqual(expect.any(String));
      expect(l.sources.length).toBeGreaterThan(0);
    }
  });

  it('serves GraphiQL from local assets, without any CDN', async () => {
    const page = await fetch(hub.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/graphiql/graphiql.min.js');
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of ['graphiql.min.js', 'graphiql.min.css', 'react.production.min.js', 'react-dom.production.min.js']) {
      const res = await fetch(new URL(`/graphiql/${asset}`, hub.url));
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
    }
  });

  it('reports health and readiness on the gateway and on each subgraph', async () => {
    const ready = await fetch(new URL('/ready', hub.url));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', supergraph: 'loaded', subgraphs: { partners: 'ready', legal: 'ready', territory: 'ready', instruments: 'ready' } });
    for (const s of hub.subgraphs) {
      const res = await fetch(new URL('/ready', s.url));
      expect(await res.json()).toMatchObject({ status: 'ready', service: s.name, database: 'reachable' });
      expect((await fetch(new URL('/health', s.url))).status).toBe(200);
    }
  });

  it('exposes Prometheus metrics on the gateway and each subgraph', async () => {
    await hub.graphql('query MetricsProbe { municipality(nis: "71072") { name } }');
    const gateway = await (await fetch(new URL('/metrics', hub.url))).text();
    // Not one of the hub's own operation names: counted, under `other` (labels are bounded).
    expect(gateway).toMatch(/graphql_requests_total\{[^}]*operation="other"/);
    expect(gateway).toMatch(/gateway_subgraph_fetch_duration_seconds_bucket\{[^}]*subgraph="territory"/);
    const territory = await (await fetch(new URL('/metrics', hub.subgraphs.find((s) => s.name === 'territory')!.url))).text();
    expect(territory).toMatch(/graphql_request_duration_seconds_bucket/);
    expect(territory).toMatch(/pool/);
  });

  it('gives a clear error with a stable code for a query that does not fit the schema', async () => {
    const res = await hub.graphql('{ municipality(nis: "71072") { mayor } }');
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).toMatch(/Cannot query field "mayor"/);
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|at .*\.js/);
  });
});
