import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { Package } from 'datapackage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { csvTables, toCsvFiles } from '../../hub/export/csv';
import { datasetDescription } from '../../hub/export/dataset-version';
import { type ExportData, gatherExportData } from '../../hub/export/gather';
import { GRAPHML_NS, cooperationNetwork, toGraphml } from '../../hub/export/graphml';
import { networkShape } from '../../hub/export/network';
import { toJsonLd } from '../../hub/export/jsonld';
import { toTurtle } from '../../hub/export/turtle';
import { writeExport } from '../../hub/export/write';
import { graphql, startTestHub } from '../helpers/hub';
import { token } from '../helpers/tokens';

/** The exports for people without GraphQL, read from a real hub and checked with independent parsers. */

const BASE = 'https://ketenkaart.test';
let hub: Awaited<ReturnType<typeof startTestHub>>;
let data: ExportData;
let outDir: string;

beforeAll(async () => {
  hub = await startTestHub();
  data = await gatherExportData(hub.url);
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketenkaart-export-'));
});
afterAll(async () => {
  await hub?.stop();
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

describe('gathering through the public API', () => {
  it('reads every record of each kind, paging where the API pages', async () => {
    const counts = (await graphql(hub.url, `{
      organisations(first: 1) { totalCount } cooperationInstruments(first: 1) { totalCount }
      legalBases(first: 1) { totalCount } municipalities(first: 1) { totalCount } agreements { id }
    }`)).data;
    expect(data.organisations).toHaveLength(counts.organisations.totalCount);
    expect(data.instruments).toHaveLength(counts.cooperationInstruments.totalCount);
    expect(data.legalBases).toHaveLength(counts.legalBases.totalCount);
    expect(data.municipalities).toHaveLength(counts.municipalities.totalCount);
    expect(data.agreements).toHaveLength(counts.agreements.length);
    expect(data.organisations.length).toBeGreaterThan(25); // more than one page
    expect(new Set(data.organisations.map((o) => o.id)).size).toBe(data.organisations.length);
    expect(data.posts.length).toBeGreaterThan(0);
  });
});

describe('CSV: tidy tables in a data package', () => {
  let files: Record<string, string>;
  let tables: Record<string, Array<Record<string, string>>>;
  beforeAll(() => {
    files = toCsvFiles(data);
    tables = Object.fromEntries(Object.entries(files).filter(([n]) => n.endsWith('.csv')).map(([n, text]) => [n.replace(/\.csv$/, ''), parseCsv(text, { columns: true })]));
  });

  it('writes every table and its datapackage.json; csv-parse reads each back with the declared headers', async () => {
    const written = await writeExport('csv', data, path.join(outDir, 'csv'), { base: BASE });
    const pkg = JSON.parse(fs.readFileSync(path.join(outDir, 'csv', 'datapackage.json'), 'utf8'));
    expect(written.map((f) => path.basename(f)).sort()).toEqual(['datapackage.json', ...pkg.resources.map((r: { path: string }) => r.path)].sort());
    for (const r of pkg.resources) {
      const rows: string[][] = parseCsv(fs.readFileSync(path.join(outDir, 'csv', r.path), 'utf8'));
      expect(rows[0], r.path).toEqual(r.schema.fields.map((f: { name: string }) => f.name));
    }
    expect(tables.organisations).toHaveLength(data.organisations.length);
    expect(tables.posts).toHaveLength(data.posts.length + data.kindPosts.length);
    expect(tables.instruments).toHaveLength(data.instruments.length);
    expect(tables.municipalities).toHaveLength(data.municipalities.length);
  });

  it('is a valid Frictionless data package: descriptor, every row against its table schema, keys and foreign keys (datapackage)', async () => {
    const dir = path.join(outDir, 'frictionless');
    await writeExport('csv', data, dir, { base: BASE });
    const dp = await Package.load(path.join(dir, 'datapackage.json'));
    expect(dp.errors.map(String)).toEqual([]);
    expect(dp.valid).toBe(true);
    expect(dp.resources.length).toBe(Object.keys(tables).length);
    for (const resource of dp.resources) {
      // read() casts every cell to its field type and checks constraints, primary keys and uniqueness; relations the foreign keys.
      const rows = await resource.read({ relations: true });
      expect(rows.length, resource.name).toBe(tables[resource.name].length);
    }
  });

  it('that validation has teeth: a party pointing at no organisation and a non-EDTF date are refused', async () => {
    const dir = path.join(outDir, 'frictionless-broken');
    await writeExport('csv', data, dir, { base: BASE });
    const parties = path.join(dir, 'agreement_parties.csv');
    fs.writeFileSync(parties, fs.readFileSync(parties, 'utf8').replace(/\r\n([^,]+),([^,]+),(\d+),caw-limburg,/, '\r\n$1,$2,$3,no-such-organisation,'));
    const dp = await Package.load(path.join(dir, 'datapackage.json'));
    await expect(dp.getResource('agreement_parties').read({ relations: true })).rejects.toThrow(/foreign key/i);
    const bases = path.join(dir, 'legal-bases.csv');
    fs.writeFileSync(bases, fs.readFileSync(bases, 'utf8').replace(',2024-04-18,DAY,', ',18 april 2024,DAY,'));
    const again = await Package.load(path.join(dir, 'datapackage.json'));
    await expect(again.getResource('legal-bases').read()).rejects.toThrow();
  });

  it('has one value per cell: no lists packed into a cell, no prose in value columns', () => {
    const prose = ['note', 'explanation', 'description', 'condition', 'quote', 'title', 'name', 'locator', 'period', 'value', 'mismatch', 'sources', 'Label', 'phenomena', 'scope'];
    for (const [name, rows] of Object.entries(tables)) {
      for (const row of rows) {
        for (const [column, cell] of Object.entries(row)) {
          if (prose.includes(column)) continue;
          expect(cell, `${name}.${column}`).not.toMatch(/onbekend|; \(|\s\|\s/);
        }
      }
    }
  });

  it('keeps sources with their quotes and web sources with the day they were seen, pointing at real rows', () => {
    const sources = tables.sources;
    expect(sources.filter((s) => s.quote !== '').length).toBeGreaterThan(100);
    const web = sources.filter((s) => s.url !== '');
    expect(web.length).toBeGreaterThan(10);
    expect(web.filter((s) => /^\d{4}-\d{2}-\d{2}$/.test(s.seen)).length).toBeGreaterThan(0);
    const protocol = sources.filter((s) => s.about_table === 'agreements' && s.about_id === 'fjc-limburg-protocol-casusoverleg');
    expect(protocol.map((s) => s.document)).toContain('002_f12f5aed2c75fb81.txt');
    expect(protocol.some((s) => s.quote.length > 10)).toBe(true);
    const keys = new Map(Object.entries(JSON.parse(files['datapackage.json']).resources.reduce((acc: Record<string, string[]>, r: { name: string; schema: { primaryKey?: string[] } }) => ({ ...acc, [r.name]: r.schema.primaryKey ?? [] }), {})));
    for (const s of sources) {
      const pk = keys.get(s.about_table) as string[] | undefined;
      expect(pk, s.about_table).toBeDefined();
      expect(tables[s.about_table].some((row) => pk!.length === 1 && row[pk![0]] === s.about_id), `${s.about_table} ${s.about_id}`).toBe(true);
    }
  });

  it('keeps the facts: record versions, dates with precision, the parties known by kind, figures, SERV evidence and absences', () => {
    const protocol = tables.agreements.find((a) => a.id === 'fjc-limburg-protocol-casusoverleg')!;
    expect(protocol).toMatchObject({ kind: 'PROTOCOL', forum: 'casusoverleg', parent: 'fjc-limburg-kaderovereenkomst' });
    expect(Number(protocol.version)).toBeGreaterThanOrEqual(1);
    expect(tables.based_on).toContainEqual({ record_table: 'agreements', record_id: 'fjc-limburg-protocol-casusoverleg', legal_basis: 'sw-art-458ter' });
    expect(tables.agreement_conditions.some((c) => c.agreement === protocol.id && /proportioneel/.test(c.condition))).toBe(true);
    // FJC Limburg's kaderovereenkomst: 13 parties, some known only by their kind.
    const parties = tables.agreement_parties.filter((p) => p.agreement === 'fjc-limburg-kaderovereenkomst');
    expect(parties).toHaveLength(13);
    expect(parties.filter((p) => p.organisation === '' && p.party_kind !== '').length).toBeGreaterThan(0);
    const veiligeHuizen = tables['legal-bases'].find((l) => l.id === 'decreet-2024-03-29-veilige-huizen')!;
    expect(veiligeHuizen).toMatchObject({ valid_from: '2024-04-18', valid_from_precision: 'DAY' });
    expect(tables.instruments.some((i) => i.valid_from_precision === 'YEAR' || i.valid_from_precision === 'MONTH')).toBe(true);
    expect(tables.figures).toHaveLength(40);
    expect(tables.figures.every((f) => f.value !== '' && !Number.isNaN(Number(f.value)))).toBe(true);
    expect(tables.serv_cells.length).toBeGreaterThan(0);
    const absences = tables.serv_evidence.filter((e) => e.evidence === 'ABSENCE');
    expect(absences.length).toBeGreaterThanOrEqual(3);
    for (const a of absences) expect(tables.sources.some((s) => s.about_table === 'serv_evidence' && s.about_id === a.id), a.id).toBe(true);
    for (const e of tables.serv_evidence) expect(tables.serv_cells.some((c) => c.id === e.cell)).toBe(true);
    expect(tables.instrument_relations.length).toBeGreaterThan(30);
  });

  it('writes unknown as an empty value with a reason code: Hasselt\'s judicial division, with its Dutch explanation beside it', () => {
    expect(tables.municipalities.find((m) => m.nis === '71072')).toMatchObject({ name: 'Hasselt' });
    const hasselt = tables.municipality_areas.filter((a) => a.municipality === '71072');
    expect(hasselt).toContainEqual(expect.objectContaining({ area_kind: 'POLICE_ZONE', reason_code: '' }));
    const open = hasselt.filter((a) => a.reason_code === 'UNSETTLED');
    expect(open.length).toBeGreaterThan(0);
    for (const a of open) expect(a.area).toBe('');
    const explanation = tables.municipality_areas_unsettled.find((u) => u.municipality === '71072' && u.area_kind === open[0].area_kind)!;
    expect(explanation.explanation).toMatch(/Kortessem/);
    const police = hasselt.find((a) => a.area_kind === 'POLICE_ZONE')!;
    expect(tables.territories.find((t) => t.key === police.area)?.name).toBe('PZ Limburg Regio Hoofdstad');
  });

  it('quotes cells with commas, quotes and line breaks so they survive a round trip', () => {
    const all = csvTables(data);
    expect(all.flatMap((t) => t.rows).flat().filter((c) => typeof c === 'string' && /[",\n]/.test(c)).length).toBeGreaterThan(0);
    for (const t of all) {
      const parsed: string[][] = parseCsv(files[t.name]);
      expect(parsed.slice(1)).toEqual(t.rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c)))));
    }
  });
});

describe('a citable dataset', () => {
  it('has a version that is a hash of the data: the same data gives the same version whatever the export day', async () => {
    const again = await gatherExportData(hub.url);
    const a = datasetDescription(data);
    const b = datasetDescription({ ...again, exportedOn: '2099-01-01', organisations: [...again.organisations].reverse() });
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.version).toBe(a.version);
    expect(b.exportedOn).toBe('2099-01-01');
    const changed = { ...again, organisations: again.organisations.map((o, i) => (i === 0 ? { ...o, name: `${o.name} (gewijzigd)` } : o)) };
    expect(datasetDescription(changed).version).not.toBe(a.version);
  });

  it('names the hub version, the seed documents it rests on by title, a licence statement and a citation', () => {
    const d = datasetDescription(data, 'https://ketenkaart.example');
    expect(d.hubVersion).toBe(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')).version);
    expect(d.documents.map((doc) => doc.file)).toEqual(expect.arrayContaining(['002_f12f5aed2c75fb81.txt', '003_736529793f2ac1f6.txt']));
    expect(d.documents.find((doc) => doc.file === '003_736529793f2ac1f6.txt')?.title).toMatch(/Interbestuurlijke coördinatie/);
    expect(d.dataDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // No licence is stated for the registry data as a whole: unknown with a reason, not an invented one.
    expect(d.licence).toMatchObject({ status: 'UNKNOWN', reasonCode: 'LICENCE_NOT_STATED' });
    expect(d.licence.note).toMatch(/geen licentie/);
    expect(d.licence.parts.map((p) => p.licence)).toContain('CC BY 4.0');
    expect(d.citation).toContain(d.version);
    expect(d.uri).toBe(`https://ketenkaart.example/id/dataset/${d.version}`);
  });

  it('is carried by the CSV data package and the GraphML graph data', () => {
    const d = datasetDescription(data);
    const pkg = JSON.parse(toCsvFiles(data)['datapackage.json']);
    expect(pkg).toMatchObject({ version: d.version, 'ketenkaart:contentHash': d.contentHash, 'ketenkaart:hubVersion': d.hubVersion });
    expect(pkg.sources.map((s: { path?: string }) => s.path)).toEqual(expect.arrayContaining(d.documents.map((doc) => doc.file)));
    const xml = toGraphml(data);
    expect(xml).toContain(`<data key="datasetVersion">${d.version}</data>`);
    expect(xml).toContain(`<data key="contentHash">${d.contentHash}</data>`);
    expect(xml).toContain('<data key="licenceReason">LICENCE_NOT_STATED</data>');
  });
});

// JSON-LD and Turtle: tests/integration/linked-data.test.ts (OSLO, SHACL, dereferencing).

describe('GraphML', () => {
  let xml: string;
  beforeAll(async () => {
    const [file] = await writeExport('graphml', data, outDir, { base: BASE });
    expect(path.basename(file)).toBe('ketenkaart.graphml');
    xml = fs.readFileSync(file, 'utf8');
  });

  it('validates against a strict schema of the GraphML subset it uses (xmllint, libxml2 in WebAssembly)', async () => {
    const schema = fs.readFileSync(path.resolve(__dirname, '../fixtures/graphml-subset.xsd'), 'utf8');
    const result = await validateXML({ xml: [{ fileName: 'ketenkaart.graphml', contents: xml }], schema: [{ fileName: 'graphml-subset.xsd', contents: schema }] });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is rejected by that schema when an edge points at no node (the validation has teeth)', async () => {
    const schema = fs.readFileSync(path.resolve(__dirname, '../fixtures/graphml-subset.xsd'), 'utf8');
    const broken = xml.replace(/<edge id="e0" source="[^"]+"/, '<edge id="e0" source="organisation:does-not-exist"');
    const result = await validateXML({ xml: [{ fileName: 'broken.graphml', contents: broken }], schema: [{ fileName: 'graphml-subset.xsd', contents: schema }] });
    expect(result.valid).toBe(false);
  });

  it('declares every attribute with <key> for the right element, and every node and edge keeps its sources', () => {
    expect(xml).toContain(`<graphml xmlns="${GRAPHML_NS}"`);
    const keys = new Map([...xml.matchAll(/<key id="([^"]+)" for="(graph|node|edge)" attr.name="([^"]+)" attr.type="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]));
    for (const element of ['node', 'edge'] as const) {
      for (const block of xml.match(new RegExp(`<${element} [^>]*>[\\s\\S]*?</${element}>`, 'g')) ?? []) {
        for (const [, key] of block.matchAll(/<data key="([^"]+)">/g)) expect(keys.get(key), `${element} data ${key}`).toBe(element);
      }
    }
    const network = cooperationNetwork(data);
    // Records carry their own sources; kinds and SERV cells are code lists, territories cite their reference data where known.
    for (const n of network.nodes.filter((x) => !['organisationKind', 'servCell', 'territory'].includes(x.data.type))) expect(n.data.sourceCount, n.id).toBeGreaterThan(0);
    for (const e of network.edges.filter((x) => x.data.relation !== 'legalRelation' && x.data.relation !== 'hasKind')) expect(e.data.sourceCount, `${e.source} ${e.data.relation} ${e.target}`).toBeGreaterThan(0);
  });

  it('holds every relation of the registry between typed nodes, with roles, dates and sources on the edges', () => {
    const network = cooperationNetwork(data);
    expect([...new Set(network.nodes.map((n) => n.data.type))].sort()).toEqual(
      ['agreement', 'case', 'instrument', 'legalBasis', 'organisation', 'organisationKind', 'post', 'servCell', 'territory'],
    );
    expect([...new Set(network.edges.map((e) => e.data.relation))].sort()).toEqual([
      'basedOn', 'classifiedIn', 'covers', 'hasKind', 'inCase', 'instrumentRelation', 'isAgreement', 'legalRelation', 'partnerIn', 'partyTo',
      'postIn', 'protocolOf', 'serves', 'subOrganisationOf', 'succeededBy',
    ]);
    const edge = (source: string, target: string, relation: string) => network.edges.find((e) => e.source === source && e.target === target && e.data.relation === relation);
    expect(edge('organisation:caw-limburg', 'agreement:fjc-limburg-protocol-casusoverleg', 'partyTo')).toBeDefined();
    expect(edge('agreement:fjc-limburg-protocol-casusoverleg', 'legal-basis:sw-art-458ter', 'basedOn')).toBeDefined();
    expect(edge('agreement:fjc-limburg-protocol-casusoverleg', 'agreement:fjc-limburg-kaderovereenkomst', 'protocolOf')).toBeDefined();
    // FJC Limburg: all 13 parties, those named only by their kind as edges from the kind.
    const parties = network.edges.filter((e) => e.target === 'agreement:fjc-limburg-kaderovereenkomst' && e.data.relation === 'partyTo');
    expect(parties).toHaveLength(13);
    expect(parties.some((e) => e.source.startsWith('kind:'))).toBe(true);
    expect(parties.filter((e) => e.data.role).length).toBeGreaterThan(0);
    const classified = network.edges.filter((e) => e.data.relation === 'classifiedIn');
    expect(classified.length).toBeGreaterThan(10);
    for (const e of classified) expect(e.data.sourcesOf).toBe('relation');
    const dated = network.edges.filter((e) => e.data.validFrom);
    expect(dated.length).toBeGreaterThan(0);
    for (const e of dated) expect(['DAY', 'MONTH', 'YEAR']).toContain(e.data.validFromPrecision);
    expect(network.edges.filter((e) => e.data.relation === 'instrumentRelation').every((e) => e.data.relationType)).toBe(true);
    // Every node has a type and an HTTP URI; no edge dangles.
    const ids = new Set(network.nodes.map((n) => n.id));
    for (const n of network.nodes) {
      expect(n.data.type, n.id).toBeTruthy();
      expect(n.data.uri, n.id).toMatch(/^https?:\/\/[^/]+\/id\/[a-z-]+\//);
    }
    for (const e of network.edges) expect(ids.has(e.source) && ids.has(e.target), `${e.source} → ${e.target}`).toBe(true);
    expect(toGraphml(data).match(/<edge /g)?.length).toBe(network.edges.length);
  });

  it('has no artificial hubs: scopes such as Vlaanderen or "elke gemeente" are attributes, not nodes', () => {
    const network = cooperationNetwork(data);
    for (const n of network.nodes.filter((x) => x.data.type === 'territory')) expect(n.id, n.id).toMatch(/^territory:[A-Z_]+:.+/);
    expect(network.nodes.find((n) => n.id === 'territory:FLANDERS' || n.id === 'territory:MUNICIPALITY')).toBeUndefined();
    expect(network.nodes.filter((n) => n.data.scope).length).toBeGreaterThan(0);
  });

  it('is far less fragmented than before (then: 162 components, 48 isolated nodes)', () => {
    const shape = networkShape(cooperationNetwork(data));
    console.info(`network export: ${JSON.stringify(shape)}`);
    expect(shape.isolated).toBeLessThan(10);
    expect(shape.components).toBeLessThan(40);
  });
});

describe('network export read by networkx and as Gephi/igraph node and edge lists', () => {
  const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import networkx'], { stdio: 'ignore' }).status === 0);

  it('nodes.csv and edges.csv: Gephi\'s columns first, every edge end a node', () => {
    const files = toCsvFiles(data);
    const nodes: Array<Record<string, string>> = parseCsv(files['nodes.csv'], { columns: true });
    const edges: Array<Record<string, string>> = parseCsv(files['edges.csv'], { columns: true });
    expect(Object.keys(nodes[0]).slice(0, 3)).toEqual(['Id', 'Label', 'type']);
    expect(Object.keys(edges[0]).slice(0, 5)).toEqual(['Source', 'Target', 'Type', 'Id', 'Label']);
    const ids = new Set(nodes.map((n) => n.Id));
    expect(ids.size).toBe(nodes.length);
    for (const e of edges) {
      expect(ids.has(e.Source) && ids.has(e.Target)).toBe(true);
      expect(e.Type).toBe('Directed');
    }
    expect(nodes.every((n) => n.type !== '' && n.Label !== '')).toBe(true);
  });

  it.skipIf(!python)('loads in networkx with every node typed and the dataset version in G.graph', async () => {
    const dir = path.join(outDir, 'networkx');
    await writeExport('graphml', data, dir, { base: BASE });
    await writeExport('csv', data, dir, { base: BASE });
    const run = spawnSync(python!, [path.resolve(__dirname, '../fixtures/networkx-check.py'), path.join(dir, 'ketenkaart.graphml'), path.join(dir, 'nodes.csv'), path.join(dir, 'edges.csv')], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout);
    const network = cooperationNetwork(data);
    const shape = networkShape(network);
    expect(result).toMatchObject({
      directed: true, nodes: network.nodes.length, untyped: [], components: shape.components, isolated: shape.isolated,
      csv_nodes: network.nodes.length, csv_edges: network.edges.length, csv_components: shape.components, kaderovereenkomst_parties: 13,
      graph: { datasetVersion: datasetDescription(data).version, licenceReason: 'LICENCE_NOT_STATED' },
    });
    expect(result.types).toHaveLength(9);
  });
  if (!python) it('networkx check skipped: no python3 with networkx (apt-get install python3-networkx)', () => undefined);
});

describe('no personal data in any export', () => {
  it('leaves a post holder (a fictional one, appointed for this test) out of every format, and out of the version', async () => {
    const admin = await token(hub.dataDir, { role: 'ADMIN' });
    const post = data.posts[0];
    const appointed = await graphql(hub.url, `mutation($postId: ID!) {
        appointPostHolder(input: { postId: $postId, personName: "Fictieve Exporttest Houder", email: "exporttest@example.invalid", phone: "+32 11 00 00 00", validFrom: "2020-01-01", fictional: true }) { id }
      }`, { postId: post.id }, { authorization: `Bearer ${admin}` });
    expect(appointed.errors).toBeUndefined();
    const after = await gatherExportData(hub.url);
    const texts = [...Object.values(toCsvFiles(after)), toGraphml(after), JSON.stringify(toJsonLd(after, { base: BASE })), await toTurtle(toJsonLd(after, { base: BASE }))];
    for (const text of texts) {
      expect(text).not.toContain('Fictieve Exporttest Houder');
      expect(text).not.toContain('exporttest@example.invalid');
      expect(text).not.toContain('+32 11 00 00 00');
    }
    expect(datasetDescription(after).version).toBe(datasetDescription(data).version);
  });
});

describe('posts of a kind', () => {
  it('are exported as posts of no one organisation, in the table and in the network', () => {
    expect(data.kindPosts.length).toBeGreaterThan(0);
    const posts: Array<Record<string, string>> = parseCsv(toCsvFiles(data)['posts.csv'], { columns: true });
    const casusregisseur = posts.find((p) => p.id === 'veilig-huis-casusregisseur')!;
    expect(casusregisseur).toMatchObject({ organisation: '', organisation_kind: 'VEILIG_HUIS' });
    const network = cooperationNetwork(data);
    expect(network.edges.some((e) => e.source === 'post:veilig-huis-casusregisseur' && e.target === 'kind:VEILIG_HUIS' && e.data.relation === 'postIn')).toBe(true);
  });
});
