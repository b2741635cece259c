import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { csvTables, toCsvFiles } from '../../hub/export/csv';
import { datasetDescription } from '../../hub/export/dataset-version';
import { type ExportData, gatherExportData } from '../../hub/export/gather';
import { GRAPHML_NS, cooperationNetwork, toGraphml } from '../../hub/export/graphml';
import { writeExport } from '../../hub/export/write';
import { graphql, startTestHub } from '../helpers/hub';

/** The exports for people without GraphQL, read from a real hub and checked with independent parsers. */

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

describe('CSV', () => {
  const EXPECTED_HEADERS: Record<string, string[]> = {
    'organisations.csv': ['id', 'name', 'kind', 'level', 'kbo', 'ovo', 'parent', 'serves', 'contact_points', 'agreements', 'valid_from', 'valid_to', 'unconfirmed', 'last_confirmed', 'note', 'sources'],
    'posts.csv': ['id', 'organisation', 'organisation_name', 'function', 'title', 'phenomena', 'valid_from', 'valid_to', 'unconfirmed', 'last_confirmed', 'note', 'sources'],
    'instruments.csv': ['id', 'name', 'kind', 'case', 'description', 'partner_kinds', 'partners', 'legal_bases', 'territory', 'phenomena', 'serv_cells', 'valid_from', 'valid_to', 'unconfirmed', 'note', 'sources'],
    'legal-bases.csv': ['id', 'kind', 'level', 'title', 'short_title', 'date', 'publication_date', 'valid_from', 'valid_to', 'in_force_on_export_date', 'eli', 'url', 'relations', 'unconfirmed', 'note', 'sources'],
    'municipalities.csv': ['nis', 'name', 'region', 'province', 'administrative_arrondissement', 'police_zone', 'police_zone_number', 'eerstelijnszone', 'judicial_arrondissement', 'judicial_division', 'veilig_huis_region', 'ariec_area', 'gezin_plan_network', 'postcodes', 'valid_from', 'sources'],
    'agreements.csv': ['id', 'kind', 'title', 'parent', 'forum', 'phenomena', 'conditions', 'parties', 'legal_bases', 'territory', 'valid_from', 'valid_to', 'in_force_on_export_date', 'unconfirmed', 'note', 'sources'],
    'congruence.csv': ['kind', 'id', 'name', 'scales', 'congruent', 'mismatches', 'sources'],
  };

  it('writes one file per entity type that csv-parse reads back with the expected headers and row counts', () => {
    const written = writeExport('csv', data, path.join(outDir, 'csv')).filter((f) => f.endsWith('.csv'));
    expect(written.map((f) => path.basename(f)).sort()).toEqual(Object.keys(EXPECTED_HEADERS).sort());
    const expectedRows: Record<string, number> = {
      'organisations.csv': data.organisations.length,
      'posts.csv': data.posts.length,
      'instruments.csv': data.instruments.length,
      'legal-bases.csv': data.legalBases.length,
      'municipalities.csv': data.municipalities.length,
      'agreements.csv': data.agreements.length,
      'congruence.csv': data.instruments.length + data.scaleMismatches.length,
    };
    for (const file of written) {
      const name = path.basename(file);
      const text = fs.readFileSync(file, 'utf8');
      const rows: string[][] = parseCsv(text, { relax_column_count: false });
      expect(rows[0], name).toEqual(EXPECTED_HEADERS[name]);
      expect(rows.length - 1, name).toBe(expectedRows[name]);
      const records: Array<Record<string, string>> = parseCsv(text, { columns: true });
      expect(records.filter((r) => r.sources !== '').length, `${name}: rows with sources`).toBeGreaterThan(0);
    }
  });

  it('keeps the facts: Hasselt with its police zone and the unsettled division, the 458ter protocol with its sources', () => {
    const files = toCsvFiles(data);
    const municipalities: Array<Record<string, string>> = parseCsv(files['municipalities.csv'], { columns: true });
    const hasselt = municipalities.find((m) => m.nis === '71072')!;
    expect(hasselt).toMatchObject({ name: 'Hasselt', police_zone: 'PZ Limburg Regio Hoofdstad', veilig_huis_region: 'Veilig Huis Limburg', ariec_area: 'ARIEC Limburg' });
    expect(hasselt.judicial_division).toMatch(/^onbekend — .*Kortessem/);
    const agreements: Array<Record<string, string>> = parseCsv(files['agreements.csv'], { columns: true });
    const protocol = agreements.find((a) => a.id === 'fjc-limburg-protocol-casusoverleg')!;
    expect(protocol).toMatchObject({ kind: 'PROTOCOL', forum: 'casusoverleg', parent: 'fjc-limburg-kaderovereenkomst', legal_bases: 'sw-art-458ter' });
    expect(protocol.sources).toContain('002_f12f5aed2c75fb81.txt');
    expect(protocol.conditions).toMatch(/proportioneel/);
  });

  it('quotes cells with commas, quotes and line breaks so they survive a round trip', () => {
    const tables = csvTables(data);
    const withComma = tables.flatMap((t) => t.rows).flat().filter((c) => typeof c === 'string' && /[",\n]/.test(c));
    expect(withComma.length).toBeGreaterThan(0);
    const files = toCsvFiles(data);
    for (const t of tables) {
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

describe('JSON-LD', () => {
  const ORG = 'http://www.w3.org/ns/org#';
  const ELI = 'http://data.europa.eu/eli/ontology#';
  const DCT = 'http://purl.org/dc/terms/';
  const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
  let quads: Array<{ subject: { value: string }; predicate: { value: string }; object: { value: string; termType: string } }>;

  beforeAll(async () => {
    const [file] = writeExport('jsonld', data, path.join(outDir, 'ketenkaart.jsonld'));
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    // safe mode: any term that would be dropped (not mapped to an IRI) is an error rather than silently lost.
    const documentLoader = async (url: string) => {
      throw new Error(`the export must not need a remote context (asked for ${url})`);
    };
    await jsonld.expand(doc, { safe: true, documentLoader } as never);
    quads = (await jsonld.toRDF(doc, { safe: true, documentLoader } as never)) as unknown as typeof quads;
  });

  const has = (s: string, p: string, o?: string) => quads.some((q) => q.subject.value === s && q.predicate.value === p && (o === undefined || q.object.value === o));

  it('parses as RDF, with triples for every organisation, legal basis and post', () => {
    expect(quads.length).toBeGreaterThan(1000);
    for (const o of data.organisations) expect(has(`urn:ketenkaart:organisation:${encodeURIComponent(o.id)}`, RDF_TYPE, `${ORG}Organization`), o.id).toBe(true);
    for (const l of data.legalBases) expect(has(`urn:ketenkaart:legal-basis:${encodeURIComponent(l.id)}`, RDF_TYPE, `${ELI}LegalResource`), l.id).toBe(true);
    for (const p of data.posts) expect(has(`urn:ketenkaart:post:${encodeURIComponent(p.id)}`, `${ORG}postIn`, `urn:ketenkaart:organisation:${encodeURIComponent(p.organisationId)}`), p.id).toBe(true);
  });

  it('uses W3C ORG, ELI and dcterms:source as the public vocabularies say', () => {
    expect(has('urn:ketenkaart:legal-basis:sw-art-458ter', `${ELI}title`, 'Artikel 458ter van het Strafwetboek')).toBe(true);
    expect(has('urn:ketenkaart:agreement:fjc-limburg-protocol-casusoverleg', `${ELI}based_on`, 'urn:ketenkaart:legal-basis:sw-art-458ter')).toBe(true);
    expect(has('urn:ketenkaart:agreement:fjc-limburg-protocol-casusoverleg', RDF_TYPE, `${ORG}OrganizationalCollaboration`)).toBe(true);
    expect(has('urn:ketenkaart:agreement:fjc-limburg-kaderovereenkomst', `${ORG}hasMember`, 'urn:ketenkaart:organisation:caw-limburg')).toBe(true);
    const sourced = quads.filter((q) => q.predicate.value === `${DCT}source` && q.subject.value === 'urn:ketenkaart:agreement:fjc-limburg-protocol-casusoverleg');
    expect(sourced.length).toBeGreaterThan(0);
    const sourceNode = sourced[0].object.value;
    expect(has(sourceNode, `${DCT}identifier`, '002_f12f5aed2c75fb81.txt')).toBe(true);
    const dated = quads.find((q) => q.predicate.value === `${ELI}first_date_entry_in_force` && q.subject.value === 'urn:ketenkaart:legal-basis:decreet-2024-03-29-veilige-huizen');
    expect(dated?.object).toMatchObject({ value: '2024-04-18', datatype: { value: 'http://www.w3.org/2001/XMLSchema#date' } });
  });
});

describe('GraphML', () => {
  let xml: string;
  beforeAll(() => {
    const [file] = writeExport('graphml', data, outDir);
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

  it('declares every attribute with <key> for the right element, and every node keeps its sources', () => {
    expect(xml).toContain(`<graphml xmlns="${GRAPHML_NS}"`);
    const keys = new Map([...xml.matchAll(/<key id="([^"]+)" for="(node|edge)" attr.name="([^"]+)" attr.type="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]));
    for (const element of ['node', 'edge'] as const) {
      for (const block of xml.match(new RegExp(`<${element} [^>]*>[\\s\\S]*?</${element}>`, 'g')) ?? []) {
        for (const [, key] of block.matchAll(/<data key="([^"]+)">/g)) expect(keys.get(key), `${element} data ${key}`).toBe(element);
      }
    }
    const network = cooperationNetwork(data);
    const withSources = network.nodes.filter((n) => n.data.type !== 'territory' || Number(n.data.sourceCount) > 0);
    for (const n of withSources) expect(Number(n.data.sourceCount), n.id).toBeGreaterThan(0);
    for (const n of network.nodes) expect(n.data.sourceCount, n.id).toBeDefined();
  });

  it('holds the cooperation network: organisations, agreements, instruments, legal bases and territories, with partyTo, basedOn and covers edges', () => {
    const network = cooperationNetwork(data);
    const types = new Set(network.nodes.map((n) => n.data.type));
    expect([...types].sort()).toEqual(['agreement', 'instrument', 'legalBasis', 'organisation', 'territory']);
    const edge = (source: string, target: string, relation: string) => network.edges.some((e) => e.source === source && e.target === target && e.data.relation === relation);
    expect(edge('organisation:caw-limburg', 'agreement:fjc-limburg-protocol-casusoverleg', 'partyTo')).toBe(true);
    expect(edge('agreement:fjc-limburg-protocol-casusoverleg', 'legal-basis:sw-art-458ter', 'basedOn')).toBe(true);
    expect(network.edges.some((e) => e.data.relation === 'covers' && e.target.startsWith('territory:'))).toBe(true);
    const nodeIds = new Set(network.nodes.map((n) => n.id));
    for (const e of network.edges) expect(nodeIds.has(e.source) && nodeIds.has(e.target)).toBe(true);
    expect(toGraphml(data).match(/<edge /g)?.length).toBe(network.edges.length);
  });
});
