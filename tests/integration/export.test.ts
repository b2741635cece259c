import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { csvTables, toCsvFiles } from '../../hub/export/csv';
import { type ExportData, gatherExportData } from '../../hub/export/gather';
import { GRAPHML_NS, cooperationNetwork, toGraphml } from '../../hub/export/graphml';
import { writeExport } from '../../hub/export/write';
import { graphql, startTestHub } from '../helpers/hub';

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

  it('writes one file per entity type that csv-parse reads back with the expected headers and row counts', async () => {
    const written = await writeExport('csv', data, path.join(outDir, 'csv'), { base: BASE });
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
