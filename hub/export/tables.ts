import type { ExportData, ExportPartialDate, ExportSource, ExportValidity, TerritoryRef } from './gather';
import { territoryKey } from './gather';
import { recordUri } from '../../core/record-uri';

/**
 * The registry as tidy tables: one value per cell, one row per fact, a link table for every many-to-many relation,
 * every source (with its quote, URL and the day it was seen) in sources.csv pointing at the row it supports.
 * Unknown is an empty value with a reason code beside it, never prose in a value column. Each table declares its
 * Frictionless Table Schema here, so the data package describes exactly what is written.
 */

export type Cell = string | number | boolean | null | undefined;

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date';

export interface Field {
  name: string;
  type: FieldType;
  description?: string;
  constraints?: { required?: boolean; enum?: string[]; pattern?: string; unique?: boolean };
}

export interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

export interface Table {
  /** File name (the data package resource is named after it, without .csv). */
  name: string;
  title: string;
  fields: Field[];
  primaryKey?: string[];
  foreignKeys?: ForeignKey[];
  rows: Cell[][];
}

const EDTF = '^\\d{4}(-\\d{2}(-\\d{2})?)?$';
const PRECISION = ['DAY', 'MONTH', 'YEAR'];
const f = (name: string, type: FieldType = 'string', description?: string, constraints?: Field['constraints']): Field => ({
  name, type, ...(description ? { description } : {}), ...(constraints ? { constraints } : {}),
});
const id = (name = 'id') => f(name, 'string', undefined, { required: true, unique: true });
const fk = (field: string, resource: string, target = 'id'): ForeignKey => ({ fields: [field], reference: { resource, fields: [target] } });

/** valid_from/valid_to as EDTF with precision and planned flag: the dates at the precision the sources give. */
const DATE_FIELDS: Field[] = [
  f('valid_from', 'string', 'Start, EDTF level 0 (2024-04-18, 2023-11, 2017); empty: the sources give none.', { pattern: EDTF }),
  f('valid_from_precision', 'string', undefined, { enum: PRECISION }),
  f('valid_from_planned', 'boolean', 'The sources give the start as planned, not as having happened.'),
  f('valid_to', 'string', 'End, EDTF level 0; empty while it holds or where no end is known.', { pattern: EDTF }),
  f('valid_to_precision', 'string', undefined, { enum: PRECISION }),
  f('valid_to_planned', 'boolean'),
];
const dateCells = (from: ExportPartialDate | null | undefined, to: ExportPartialDate | null | undefined): Cell[] => [
  from?.edtf, from?.precision, from ? from.planned : null, to?.edtf, to?.precision, to ? to.planned : null,
];
const validityCells = (v: ExportValidity) => dateCells(v.from, v.to);

const IN_FORCE_FIELDS: Field[] = [
  f('in_force_on_export_date', 'boolean', 'In force on the export day (created in datapackage.json); empty where the sources leave it unknown.'),
  f('in_force_reason', 'string', 'Why it is unknown or not in force (InForceReason codes, docs/errors.md).'),
];
const inForceCells = (v: ExportValidity): Cell[] => {
  const answer = v.inForceOn;
  if (!answer) return [null, null];
  return [answer.state === 'UNKNOWN' ? null : answer.state === 'IN_FORCE', answer.reason];
};

const VERSION = f('version', 'integer', 'The record version in the registry (increases with every change).');
const LAST_CONFIRMED = f('last_confirmed', 'date', 'The most recent day a source was consulted or an editor confirmed the record.');
const NOTE = f('note', 'string', 'How a derived or unconfirmed fact was established (Dutch, for people; not a value).');

export function exportTables(data: ExportData): Table[] {
  const base = data.publicBaseUrl;
  const sources: Cell[][] = [];
  const addSources = (table: string, rowId: string, list: ExportSource[] | undefined) =>
    (list ?? []).forEach((s, i) => sources.push([table, rowId, i + 1, s.document, s.dataset, s.locator, s.quote, s.url, s.title, s.seen]));
  const unconfirmed: Cell[][] = [];
  const addUnconfirmed = (table: string, rowId: string, fields: string[]) => fields.forEach((field) => unconfirmed.push([table, rowId, field]));
  const territoriesOf: Cell[][] = [];
  const addTerritories = (table: string, rowId: string, refs: TerritoryRef[]) =>
    refs.forEach((t) => territoriesOf.push([table, rowId, t.scale, t.ref ? territoryKey(t) : null]));
  const phenomena: Cell[][] = [];
  const addPhenomena = (table: string, rowId: string, list: string[]) => list.forEach((p) => phenomena.push([table, rowId, p]));
  const basedOn: Cell[][] = [];

  const organisations = data.organisations.map((o) => {
    addSources('organisations', o.id, o.sources);
    addUnconfirmed('organisations', o.id, o.unconfirmed);
    addTerritories('organisations', o.id, o.serves);
    return [o.id, recordUri(base, 'organisatie', o.id), o.name, o.kind, o.level, o.kbo, o.ovo, o.parent?.id, ...validityCells(o.validity), o.lastConfirmed, o.version, o.note];
  });
  const contactPoints = data.organisations.flatMap((o) =>
    o.contactPoints.map((c, i) => {
      const rowId = `${o.id}#${i + 1}`;
      addSources('contact_points', rowId, c.sources);
      return [rowId, o.id, c.kind, c.value, c.lastConfirmed];
    }),
  );
  const successions = data.organisations.flatMap((o) =>
    o.successors
      .filter((s) => s.organisation)
      .map((s) => {
        const rowId = `${o.id}>${s.organisation!.id}`;
        addSources('successions', rowId, s.sources);
        return [rowId, o.id, s.type, s.organisation!.id, s.date?.edtf, s.date?.precision, s.date ? s.date.planned : null, s.note];
      }),
  );
  const posts = [...data.posts, ...data.kindPosts].map((p) => {
    addSources('posts', p.id, p.sources);
    addUnconfirmed('posts', p.id, p.unconfirmed);
    addTerritories('posts', p.id, p.serves ?? []);
    addPhenomena('posts', p.id, p.phenomena);
    return [p.id, recordUri(base, 'post', p.id), p.organisationId, p.organisationKind, p.function, p.title, ...validityCells(p.validity), p.lastConfirmed, p.version, p.note];
  });
  const parties: Cell[][] = [];
  const conditions: Cell[][] = [];
  const agreements = data.agreements.map((a) => {
    addSources('agreements', a.id, a.sources);
    addUnconfirmed('agreements', a.id, a.unconfirmed);
    addTerritories('agreements', a.id, a.territory);
    addPhenomena('agreements', a.id, a.phenomena);
    for (const l of a.legalBases) basedOn.push(['agreements', a.id, l.id]);
    a.parties.forEach((p, i) => {
      const rowId = `${a.id}#${i + 1}`;
      addSources('agreement_parties', rowId, p.sources);
      parties.push([rowId, a.id, i + 1, p.organisation?.id, p.organisation ? null : p.partyKind, p.role]);
    });
    a.conditions.forEach((c, i) => conditions.push([a.id, i + 1, c]));
    return [a.id, recordUri(base, 'overeenkomst', a.id), a.kind, a.title, a.parent?.id, a.forum, ...validityCells(a.validity), ...inForceCells(a.validity), a.lastConfirmed, a.version, a.note];
  });
  const partners: Cell[][] = [];
  const relations: Cell[][] = [];
  const classifications: Cell[][] = [];
  const figures: Cell[][] = [];
  const mismatches: Cell[][] = [];
  const instruments = data.instruments.map((i) => {
    addSources('instruments', i.id, i.sources);
    addUnconfirmed('instruments', i.id, i.unconfirmed);
    addTerritories('instruments', i.id, i.territory);
    addPhenomena('instruments', i.id, i.phenomena);
    for (const l of i.legalBases) basedOn.push(['instruments', i.id, l.id]);
    for (const p of i.partners) partners.push([i.id, p.id, null]);
    for (const k of i.partnerKinds) partners.push([i.id, null, k]);
    for (const r of i.relations) {
      if (r.direction !== 'OUTGOING' || !r.instrument) continue;
      const rowId = `${i.id}>${r.type}>${r.instrument.id}`;
      addSources('instrument_relations', rowId, r.sources);
      relations.push([rowId, i.id, r.type, r.instrument.id, r.planned, r.note]);
    }
    for (const c of i.classifications) {
      const rowId = `${i.id}@${c.principle}.${c.dimension}`;
      addSources('serv_classifications', rowId, c.sources);
      classifications.push([rowId, i.id, i.case?.id, c.principle, c.dimension]);
    }
    i.figures.forEach((fig, n) => {
      const rowId = `${i.id}#${n + 1}`;
      addSources('figures', rowId, fig.sources);
      figures.push([rowId, i.id, fig.name, fig.value, fig.unit, fig.period, fig.date, fig.note]);
    });
    for (const m of i.scaleCongruence.mismatches) mismatches.push(['instruments', i.id, m]);
    const congruent = i.scaleCongruence.congruent;
    return [
      i.id, recordUri(base, 'instrument', i.id), i.name, i.kind, i.case?.id, i.agreement?.id, i.description, ...validityCells(i.validity),
      congruent, congruent === null ? 'SCALES_UNKNOWN' : null, i.lastConfirmed, i.version, i.note,
    ];
  });
  const legalRelations: Cell[][] = [];
  const legalBases = data.legalBases.map((l) => {
    addSources('legal-bases', l.id, l.sources);
    addUnconfirmed('legal-bases', l.id, l.unconfirmed);
    for (const r of l.relations) legalRelations.push([l.id, r.type, r.to.id, r.note]);
    return [
      l.id, recordUri(base, 'rechtsgrond', l.id), l.kind, l.level, l.title, l.shortTitle, l.date, l.publicationDate, ...validityCells(l.validity),
      ...inForceCells(l.validity), l.eli, l.url, l.lastConfirmed, l.note,
    ];
  });
  const cases = data.cases.map((c) => {
    addSources('cases', c.id, c.sources);
    return [c.id, c.name, c.description];
  });
  const cells: Cell[][] = [];
  const evidence: Cell[][] = [];
  for (const c of data.servCells) {
    const cellId = `${c.case}.${c.principle}.${c.dimension}`;
    cells.push([cellId, c.case, c.principle, c.dimension, c.present]);
    c.evidence.forEach((e, n) => {
      const rowId = `${cellId}#${n + 1}`;
      addSources('serv_evidence', rowId, e.sources);
      evidence.push([rowId, cellId, e.instrument?.id, e.instrument ? 'CLASSIFICATION' : 'ABSENCE']);
    });
  }

  // Territories: every named area the registry knows (those records refer to and those of the municipalities).
  const territories = new Map<string, Cell[]>();
  const addTerritory = (scale: string, ref: string, name: string, list: ExportSource[]) => {
    const key = `${scale}:${ref}`;
    if (territories.has(key)) return;
    territories.set(key, [key, recordUri(base, 'territorium', key), scale, ref, name]);
    addSources('territories', key, list);
  };
  for (const t of data.territories.values()) if (t.ref) addTerritory(t.scale, t.ref, t.name, t.sources);
  const areas: Cell[][] = [];
  const postcodes: Cell[][] = [];
  const municipalities = data.municipalities.map((m) => {
    addSources('municipalities', m.nis, m.sources);
    const area = (scale: string, a: { id: string; name: string; sources: ExportSource[] } | null) => {
      if (!a) return;
      addTerritory(scale, a.id, a.name, a.sources);
      areas.push([m.nis, scale, `${scale}:${a.id}`, null]);
    };
    area('PROVINCE', m.province);
    area('ADMINISTRATIVE_ARRONDISSEMENT', m.arrondissement);
    area('POLICE_ZONE', m.policeZone);
    area('EERSTELIJNSZONE', m.eerstelijnszone);
    area('JUDICIAL_ARRONDISSEMENT', m.judicialArrondissement);
    area('JUDICIAL_DIVISION', m.judicialDivision);
    for (const r of m.serviceRegions) {
      addTerritory('SERVICE_REGION', r.id, r.name, r.sources);
      areas.push([m.nis, r.kind, `SERVICE_REGION:${r.id}`, null]);
    }
    // An area the sources leave open: empty value, a reason code, and the Dutch explanation beside it.
    m.unsettledAreas.forEach((u) => {
      areas.push([m.nis, u.kind, null, 'UNSETTLED']);
      addSources('municipality_areas_unsettled', `${m.nis}:${u.kind}`, u.sources);
    });
    // The API lists a postcode once per locality: the table holds each postcode of a municipality once.
    for (const code of new Set(m.postcodes.map((p) => p.postcode))) postcodes.push([m.nis, code]);
    for (const mm of data.scaleMismatches.filter((x) => x.municipality.nis === m.nis)) for (const text of mm.mismatches) mismatches.push(['municipalities', m.nis, text]);
    return [m.nis, m.name, m.region, m.policeZone.zoneNumber, m.validFrom];
  });
  const unsettled = data.municipalities.flatMap((m) => m.unsettledAreas.map((u) => [`${m.nis}:${u.kind}`, m.nis, u.kind, 'UNSETTLED', u.note]));

  const DATED = (extra: Field[] = []) => [...DATE_FIELDS, ...extra];
  return [
    {
      name: 'organisations.csv', title: 'Organisaties',
      fields: [id(), f('uri'), f('name'), f('kind'), f('level'), f('kbo'), f('ovo'), f('parent', 'string', 'The organisation this one is part of.'), ...DATED(), LAST_CONFIRMED, VERSION, NOTE],
      primaryKey: ['id'], foreignKeys: [fk('parent', 'organisations')], rows: organisations,
    },
    {
      name: 'contact_points.csv', title: 'Publieke contactpunten van organisaties',
      fields: [id(), f('organisation'), f('kind'), f('value'), LAST_CONFIRMED], primaryKey: ['id'], foreignKeys: [fk('organisation', 'organisations')], rows: contactPoints,
    },
    {
      name: 'successions.csv', title: 'Opvolging tussen organisaties',
      fields: [id(), f('predecessor'), f('type'), f('successor'), f('date', 'string', 'EDTF level 0.', { pattern: EDTF }), f('date_precision', 'string', undefined, { enum: PRECISION }), f('date_planned', 'boolean'), NOTE],
      primaryKey: ['id'], foreignKeys: [fk('predecessor', 'organisations'), fk('successor', 'organisations')], rows: successions,
    },
    {
      name: 'posts.csv', title: 'Posten (functies, zonder personen)',
      fields: [id(), f('uri'), f('organisation', 'string', 'Empty for a post every organisation of a kind has.'), f('organisation_kind', 'string', 'For a post of every organisation of this kind.'), f('function'), f('title'), ...DATED(), LAST_CONFIRMED, VERSION, NOTE],
      primaryKey: ['id'], foreignKeys: [fk('organisation', 'organisations')], rows: posts,
    },
    {
      name: 'agreements.csv', title: 'Overeenkomsten en protocollen',
      fields: [id(), f('uri'), f('kind'), f('title'), f('parent', 'string', 'The agreement this protocol belongs to.'), f('forum'), ...DATED(IN_FORCE_FIELDS), LAST_CONFIRMED, VERSION, NOTE],
      primaryKey: ['id'], foreignKeys: [fk('parent', 'agreements')], rows: agreements,
    },
    {
      name: 'agreement_parties.csv', title: 'Partijen bij overeenkomsten (een organisatie, of een soort partner)',
      fields: [id(), f('agreement'), f('position', 'integer'), f('organisation'), f('party_kind', 'string', 'A party named only by its kind (every organisation of the kind in the territory).'), f('role')],
      primaryKey: ['id'], foreignKeys: [fk('agreement', 'agreements'), fk('organisation', 'organisations')], rows: parties,
    },
    {
      name: 'agreement_conditions.csv', title: 'Voorwaarden en verplichtingen in overeenkomsten',
      fields: [f('agreement'), f('position', 'integer'), f('condition')], primaryKey: ['agreement', 'position'], foreignKeys: [fk('agreement', 'agreements')], rows: conditions,
    },
    {
      name: 'instruments.csv', title: 'Samenwerkingsinstrumenten',
      fields: [
        id(), f('uri'), f('name'), f('kind'), f('case'), f('agreement', 'string', 'The agreement this instrument is, where it is one.'), f('description'), ...DATED(),
        f('scale_congruent', 'boolean', 'Whether its scales nest with its partners\' scales; empty where unknown.'), f('scale_congruent_reason'), LAST_CONFIRMED, VERSION, NOTE,
      ],
      primaryKey: ['id'], foreignKeys: [fk('case', 'cases'), fk('agreement', 'agreements')], rows: instruments,
    },
    {
      name: 'instrument_partners.csv', title: 'Partners van instrumenten (een organisatie, of een soort partner)',
      fields: [f('instrument'), f('organisation'), f('partner_kind')], foreignKeys: [fk('instrument', 'instruments'), fk('organisation', 'organisations')], rows: partners,
    },
    {
      name: 'instrument_relations.csv', title: 'Relaties tussen instrumenten',
      fields: [id(), f('instrument'), f('type', 'string', undefined, { enum: ['PART_OF', 'SUCCEEDED_BY', 'IMPLEMENTS', 'RELATED_TO'] }), f('other'), f('planned', 'boolean'), NOTE],
      primaryKey: ['id'], foreignKeys: [fk('instrument', 'instruments'), fk('other', 'instruments')], rows: relations,
    },
    {
      name: 'figures.csv', title: 'Cijfers over instrumenten (registraties, personeel, budget)',
      fields: [id(), f('instrument'), f('name'), f('value', 'number'), f('unit'), f('period', 'string', 'The period as the source states it.'), f('date', 'date'), NOTE],
      primaryKey: ['id'], foreignKeys: [fk('instrument', 'instruments')], rows: figures,
    },
    {
      name: 'cases.csv', title: 'Casussen van het onderzoeksrapport', fields: [id(), f('name'), f('description')], primaryKey: ['id'], rows: cases,
    },
    {
      name: 'serv_classifications.csv', title: 'SERV-classificatie van instrumenten',
      fields: [id(), f('instrument'), f('case'), f('principle'), f('dimension')], primaryKey: ['id'], foreignKeys: [fk('instrument', 'instruments'), fk('case', 'cases')], rows: classifications,
    },
    {
      name: 'serv_cells.csv', title: 'SERV-raster per casus: aanwezig of niet',
      fields: [id(), f('case'), f('principle'), f('dimension'), f('present', 'boolean')], primaryKey: ['id'], foreignKeys: [fk('case', 'cases')], rows: cells,
    },
    {
      name: 'serv_evidence.csv', title: 'Bewijs per SERV-cel: de classificatie van een instrument, of de bron die zegt dat de vorm ontbreekt',
      fields: [id(), f('cell'), f('instrument'), f('evidence', 'string', undefined, { enum: ['CLASSIFICATION', 'ABSENCE'] })],
      primaryKey: ['id'], foreignKeys: [fk('cell', 'serv_cells'), fk('instrument', 'instruments')], rows: evidence,
    },
    {
      name: 'legal-bases.csv', title: 'Rechtsgronden',
      fields: [
        id(), f('uri'), f('kind'), f('level'), f('title'), f('short_title'), f('date', 'date'), f('publication_date', 'date'), ...DATED(IN_FORCE_FIELDS),
        f('eli'), f('url'), LAST_CONFIRMED, NOTE,
      ],
      primaryKey: ['id'], rows: legalBases,
    },
    {
      name: 'legal_relations.csv', title: 'Relaties tussen rechtsgronden',
      fields: [f('from'), f('type'), f('to'), NOTE], primaryKey: ['from', 'type', 'to'], foreignKeys: [fk('from', 'legal-bases'), fk('to', 'legal-bases')], rows: legalRelations,
    },
    {
      name: 'based_on.csv', title: 'Rechtsgronden van overeenkomsten en instrumenten',
      fields: [f('record_table', 'string', undefined, { enum: ['agreements', 'instruments'] }), f('record_id'), f('legal_basis')],
      primaryKey: ['record_table', 'record_id', 'legal_basis'], foreignKeys: [fk('legal_basis', 'legal-bases')], rows: basedOn,
    },
    {
      name: 'territories.csv', title: 'Gebieden',
      fields: [f('key', 'string', 'SCALE:ref', { required: true, unique: true }), f('uri'), f('scale'), f('ref'), f('name')], primaryKey: ['key'], rows: [...territories.values()],
    },
    {
      name: 'record_territories.csv', title: 'Gebieden die organisaties en posten bedienen en overeenkomsten en instrumenten bestrijken',
      fields: [
        f('record_table', 'string', undefined, { enum: ['organisations', 'posts', 'agreements', 'instruments'] }), f('record_id'), f('scale'),
        f('territory', 'string', 'Empty for a scope without a named area (FLANDERS, or every area of the scale).'),
      ],
      foreignKeys: [fk('territory', 'territories', 'key')], rows: territoriesOf,
    },
    {
      name: 'phenomena.csv', title: 'Fenomenen per record',
      fields: [f('record_table', 'string', undefined, { enum: ['posts', 'agreements', 'instruments'] }), f('record_id'), f('phenomenon')],
      primaryKey: ['record_table', 'record_id', 'phenomenon'], rows: phenomena,
    },
    {
      name: 'municipalities.csv', title: 'Gemeenten',
      fields: [f('nis', 'string', 'NIS code', { required: true, unique: true }), f('name'), f('region'), f('police_zone_number'), f('valid_from', 'date')], primaryKey: ['nis'], rows: municipalities,
    },
    {
      name: 'municipality_areas.csv', title: 'Gebieden waarin een gemeente ligt',
      fields: [
        f('municipality'), f('area_kind'), f('area', 'string', 'Empty where the sources leave it open (see reason_code).'),
        f('reason_code', 'string', 'UNSETTLED: the sources do not settle it; the explanation is in municipality_areas_unsettled.csv.'),
      ],
      foreignKeys: [fk('municipality', 'municipalities', 'nis'), fk('area', 'territories', 'key')], rows: areas,
    },
    {
      name: 'municipality_areas_unsettled.csv', title: 'Gebieden die de bronnen voor een gemeente open laten',
      fields: [id(), f('municipality'), f('area_kind'), f('reason_code'), f('explanation', 'string', 'In Dutch, for people.')],
      primaryKey: ['id'], foreignKeys: [fk('municipality', 'municipalities', 'nis')], rows: unsettled,
    },
    {
      name: 'postcodes.csv', title: 'Postcodes per gemeente',
      fields: [f('municipality'), f('postcode')], primaryKey: ['municipality', 'postcode'], foreignKeys: [fk('municipality', 'municipalities', 'nis')], rows: postcodes,
    },
    {
      name: 'scale_mismatches.csv', title: 'Schalen die niet in elkaar passen (instrumenten en gemeenten)',
      fields: [f('subject_table', 'string', undefined, { enum: ['instruments', 'municipalities'] }), f('subject_id'), f('mismatch')], rows: mismatches,
    },
    {
      name: 'unconfirmed.csv', title: 'Velden die de bronnen niet bevestigen',
      fields: [f('record_table'), f('record_id'), f('field')], primaryKey: ['record_table', 'record_id', 'field'], rows: unconfirmed,
    },
    {
      name: 'sources.csv', title: 'Bronnen per rij: document en vindplaats, citaat, webpagina met datum van raadpleging, of referentiedataset',
      fields: [
        f('about_table', 'string', 'The table (file name without .csv) of the row the source supports.'), f('about_id', 'string', 'The id (primary key) of that row.'),
        f('position', 'integer'), f('document', 'string', 'Seed document file name (datapackage.json sources).'), f('dataset'), f('locator'), f('quote'), f('url'), f('title'),
        f('seen', 'date', 'When the URL was consulted.'),
      ],
      primaryKey: ['about_table', 'about_id', 'position'], rows: sources,
    },
  ];
}
