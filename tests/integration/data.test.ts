import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../core/paths';
import { readSeedFiles } from '../../hub/seed/read-files';
import { createTestDatabase, queryRows } from '../helpers/database';

/** The registry's data after `npm run seed`: counts, territorial invariants, and facts checked against the sources. */

const DOCUMENTS_DIR = path.join(PROJECT_ROOT, '..', 'shared', 'seed-documents');
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase({ seed: true });
});
afterAll(() => db.drop());
const rows = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => queryRows<T>(db.url, sql, params);

describe('territory', () => {
  it('has all 304 municipalities of 1 January 2025 (285 Flemish, 19 Brussels), each with postcodes', async () => {
    const [c] = await rows<{ all: number; fl: number; bru: number; without_postcode: number }>(`
      SELECT count(*) AS all, count(*) FILTER (WHERE region = 'FLANDERS') AS fl, count(*) FILTER (WHERE region = 'BRUSSELS') AS bru,
             count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM territory.postcode p WHERE p.municipality_nis = m.nis)) AS without_postcode
        FROM territory.municipality m`);
    expect(c).toEqual({ all: 304, fl: 285, bru: 19, without_postcode: 0 });
  });

  it('resolves every pre-2025 municipality that merged to its successor', async () => {
    const merged = await rows<{ name: string; successor: string }>(`
      SELECT f.name, m.name AS successor FROM territory.former_municipality f JOIN territory.municipality m ON m.nis = f.successor_nis ORDER BY f.nis`);
    expect(merged).toContainEqual({ name: 'Kortessem', successor: 'Hasselt' });
    expect(merged).toContainEqual({ name: 'Zwijndrecht', successor: 'Beveren-Kruibeke-Zwijndrecht' });
    expect(merged).toContainEqual({ name: 'Galmaarden', successor: 'Pajottegem' });
  });

  // Exactly one area of each kind per municipality, or none where the sources leave it unsettled, in which case
  // the reason is recorded and served; never two.
  for (const [kind, scope] of [
    ['VEILIG_HUIS_REGION', `region = 'FLANDERS'`],
    ['ARIEC_AREA', 'true'],
  ] as const) {
    it(`puts every municipality in exactly one ${kind}, or records why the sources do not settle it`, async () => {
      const counts = await rows<{ nis: string; n: number; unsettled: boolean }>(`
        SELECT m.nis, count(r.id) AS n, EXISTS (SELECT 1 FROM territory.unsettled_area u WHERE u.kind = $1 AND u.municipality_nis = m.nis) AS unsettled
          FROM territory.municipality m
          LEFT JOIN territory.service_region_member sm ON sm.municipality_nis = m.nis
          LEFT JOIN territory.service_region r ON r.id = sm.region_id AND r.kind = $1
         WHERE ${scope} GROUP BY m.nis`, [kind]);
      expect(counts.filter((c) => c.n > 1)).toEqual([]);
      expect(counts.filter((c) => c.n === 0 && !c.unsettled)).toEqual([]);
      expect(counts.filter((c) => c.n === 1 && c.unsettled)).toEqual([]);
    });
  }

  it('puts every municipality in one police zone and one eerstelijnszone, and in one judicial division or records why not', async () => {
    const [c] = await rows<{ no_zone: number; no_elz: number; no_division_unexplained: number }>(`
      SELECT count(*) FILTER (WHERE police_zone_id IS NULL) AS no_zone, count(*) FILTER (WHERE eerstelijnszone_id IS NULL) AS no_elz,
             count(*) FILTER (WHERE judicial_division_id IS NULL AND NOT EXISTS (
               SELECT 1 FROM territory.unsettled_area u WHERE u.kind = 'JUDICIAL_DIVISION' AND u.municipality_nis = m.nis)) AS no_division_unexplained
        FROM territory.municipality m`);
    expect(c).toEqual({ no_zone: 0, no_elz: 0, no_division_unexplained: 0 });
  });

  it('has the nine Veilig Huis regions and the 107 police zones of Flanders and Brussels', async () => {
    const regions = await rows<{ name: string }>(`SELECT name FROM territory.service_region WHERE kind = 'VEILIG_HUIS_REGION' ORDER BY name`);
    expect(regions).toHaveLength(9);
    const [zones] = await rows<{ n: number }>('SELECT count(*) AS n FROM territory.police_zone');
    expect(zones.n).toBe(107);
  });
});

describe('facts checked against the source documents', () => {
  it('holds the 1 Gezin – 1 Plan registrations, periods and visit dates of document 004', async () => {
    // Transcribed from the answer to question 554 of 12 June 2020 (document 004).
    const expected: Array<[string, string, number]> = [
      ['Jeugdhulp Westhoek', '2019-04-30', 137],
      ['RTJ De Tafels', '2019-05-15', 93],
      ['Samen 1 Plan Gent', '2019-06-11', 93],
      ['Krachtgerichte RTJ Waas en Dender', '2019-06-17', 154],
      ['Konekti', '2019-06-24', 216],
      ['Midden-West-Vlaanderen', '2019-09-04', 247],
      ['Trefplaats Kempen', '2019-09-19', 181],
      ['Jeugdhulp Hageland', '2019-10-03', 188],
      ['Plan-trekkers', '2019-10-17', 126],
      ['Trawant', '2019-10-23', 166],
      ['Voor- en Noorderkempen', '2019-11-05', 232],
      ['Regio Stad Antwerpen', '2019-12-13', 110],
      ['RTJ Asse-Meise-Vilvoorde', '2019-12-20', 222],
      ['Gezin Centraal Noord-Limburg', '2020-02-11', 170],
    ];
    const figures = await rows<{ name: string; date: string; value: number }>(`
      SELECT i.name, f.date, f.value FROM instruments.instrument_figure f JOIN instruments.instrument i ON i.id = f.instrument_id
       WHERE i.id LIKE '1g1p-%' AND f.unit = 'aanmeldingen'`);
    for (const [network, date, registrations] of expected) {
      const figure = figures.find((f) => f.name.endsWith(network));
      expect(figure, network).toEqual({ name: expect.stringContaining(network), date, value: registrations });
    }
    expect(figures).toHaveLength(14);
  });

  it('names every partner of the FJC Limburg kaderovereenkomst of document 002, and its 458ter protocol', async () => {
    const parties = await rows<{ organisation_id: string | null; party_kind: string | null }>(
      `SELECT organisation_id, party_kind FROM partners.agreement_party WHERE agreement_id = 'fjc-limburg-kaderovereenkomst'`,
    );
    const named = parties.map((p) => p.organisation_id ?? p.party_kind);
    // "parket, politie, lokale besturen/OCMW's, CAW, CGG, Opgroeien, het Vertrouwenscentrum Kindermishandeling,
    //  Kind & Gezin, CLB's en de gevangenis van Hasselt" (document 002, answer 1)
    for (const partner of ['parket-limburg', 'POLITIEZONE', 'LOKAAL_BESTUUR', 'OCMW', 'caw-limburg', 'CGG', 'opgroeien',
      'vertrouwenscentrum-kindermishandeling-limburg', 'kind-en-gezin', 'CLB', 'gevangenis-hasselt']) {
      expect(named, partner).toContain(partner);
    }
    const [protocol] = await rows<{ parent_id: string; legal_basis_ids: string[]; forum: string }>(
      `SELECT parent_id, legal_basis_ids, forum FROM partners.agreement WHERE kind = 'PROTOCOL' AND parent_id = 'fjc-limburg-kaderovereenkomst'`,
    );
    expect(protocol).toMatchObject({ legal_basis_ids: ['sw-art-458ter'], forum: expect.stringMatching(/casusoverleg/i) });
  });

  it('dates the Decreet Veilige Huizen and the Flemish DIOB-decreet as the report does (the latter only as planned)', async () => {
    const bases = await rows(`SELECT id, valid_from, valid_from_edtf, valid_from_planned FROM legal.legal_basis WHERE id IN ('decreet-2024-03-29-veilige-huizen', 'decreet-2023-diob') ORDER BY id`);
    expect(bases).toEqual([
      { id: 'decreet-2023-diob', valid_from: null, valid_from_edtf: '2026-01-01', valid_from_planned: true },
      { id: 'decreet-2024-03-29-veilige-huizen', valid_from: '2024-04-18', valid_from_edtf: '2024-04-18', valid_from_planned: false },
    ]);
  });
});

describe('sources', () => {
  const seeds = readSeedFiles();

  it.skipIf(!fs.existsSync(DOCUMENTS_DIR))('quotes every seed document verbatim (line breaks read as spaces)', () => {
    const documents = new Map(fs.readdirSync(DOCUMENTS_DIR).map((f) => [f, normalise(fs.readFileSync(path.join(DOCUMENTS_DIR, f), 'utf8'))]));
    const missing: string[] = [];
    const visit = (value: unknown, where: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${where}[${i}]`));
      else if (value && typeof value === 'object') {
        const s = value as { document?: string; quote?: string };
        if (s.document && s.quote) {
          const doc = documents.get(s.document);
          // A quote may shorten with "…" or "..."; each part must be in the document.
          const parts = normalise(s.quote).split(/\s*(?:…|\.\.\.)\s*/).filter(Boolean);
          if (!doc || !parts.every((p) => doc.includes(p))) missing.push(`${where}: "${s.quote.slice(0, 80)}"`);
        }
        for (const [k, v] of Object.entries(value)) visit(v, `${where}.${k}`);
      }
    };
    for (const { file, record } of seeds.records) visit(record, `${file} [${(record as { id: string }).id}]`);
    expect(missing).toEqual([]);
  });

  it('stores every text and number of every seed record: nothing in a file is dropped on loading', async () => {
    const tableOf: Record<string, { table: string; children?: Array<[string, string]>; where?: (r: any) => [string, unknown[]] }> = {
      // A relation's id only names it in the seed file; the row is keyed by its two ends and its type.
      // Contact points of their own file are stored with their organisation; helplines by kind and organisation.
      ContactPoint: { table: 'partners.organisation', where: (r) => ['t.id = $1', [r.organisation]] },
      KindHelpline: { table: 'partners.kind_helpline', where: (r) => ['t.kind = $1 AND t.organisation_id = $2', [r.kind, r.organisation]] },
      Phenomenon: { table: 'partners.phenomenon' },
      PartnerTerm: { table: 'partners.partner_term' },
      OrganisationSuccession: { table: 'partners.organisation_succession', where: (r) => ['t.predecessor_id = $1 AND t.successor_id = $2', [r.predecessor, r.successor]] },
      InstrumentRelation: { table: 'instruments.instrument_relation', where: (r) => ['t.from_id = $1 AND t.type = $2 AND t.to_id = $3', [r.from, r.type, r.to]] },
      LegalBasis: { table: 'legal.legal_basis', children: [['legal.legal_relation', 'from_id']] },
      Organisation: { table: 'partners.organisation' },
      Site: { table: 'partners.site' },
      Post: { table: 'partners.post' },
      Agreement: { table: 'partners.agreement', children: [['partners.agreement_party', 'agreement_id']] },
      Case: { table: 'instruments.case' },
      Instrument: { table: 'instruments.instrument', children: [['instruments.serv_classification', 'instrument_id'], ['instruments.instrument_figure', 'instrument_id']] },
      ServAbsence: { table: 'instruments.serv_absence' },
      ServiceRegion: { table: 'territory.service_region' },
      JudicialArrondissement: { table: 'territory.judicial_arrondissement', children: [['territory.judicial_division', 'arrondissement_id']] },
      PoliceZoneNumber: { table: 'territory.police_zone' },
    };
    const lost: string[] = [];
    // Documents are stored as the titles of the sources that cite them (and their dates as attested_on).
    const titles = JSON.stringify(await rows(`SELECT sources FROM partners.organisation UNION ALL SELECT sources FROM instruments.instrument`));
    for (const { file, record } of seeds.records.filter((r) => r.kind === 'Document')) {
      const { title, id } = record as { title: string; id: string };
      if (!titles.includes(JSON.stringify(title).slice(1, -1))) lost.push(`${file} [${id}]: ${title.slice(0, 60)}`);
    }
    for (const { kind, file, record } of seeds.records.filter((r) => r.kind !== 'Document')) {
      const spec = tableOf[kind];
      expect(spec, kind).toBeDefined();
      const id = (record as { id: string }).id;
      const [where, params] = spec.where?.(record) ?? ['t.id = $1', [id]];
      const stored = [
        ...(await rows(`SELECT to_jsonb(t) AS j FROM ${spec.table} t WHERE ${where}`, params)),
        ...(await Promise.all((spec.children ?? []).map(([t, fk]) => rows(`SELECT to_jsonb(c) AS j FROM ${t} c WHERE c.${fk} = $1`, [id])))).flat(),
      ]
        .map((r) => JSON.stringify(r.j))
        .join(' ');
      const leaves: string[] = [];
      const collect = (v: unknown, key: string) => {
        if (Array.isArray(v)) v.forEach((x) => collect(x, key));
        else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => collect(x, k));
        // Municipality lists are expanded into membership tables, checked by the invariants above.
        else if ((typeof v === 'string' || typeof v === 'number') && key !== 'municipalities') leaves.push(String(v));
      };
      collect(spec.where ? { ...record, id: undefined } : record, '');
      for (const leaf of leaves) if (!stored.includes(JSON.stringify(leaf).slice(1, -1))) lost.push(`${file} [${id}]: ${leaf.slice(0, 60)}`);
    }
    expect(lost).toEqual([]);
  });
});
