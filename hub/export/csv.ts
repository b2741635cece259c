import { dataPackage } from './datapackage';
import { datasetDescription } from './dataset-version';
import { type ExportData, type ExportSource, type TerritoryRef, formatSources, territoryKey } from './gather';

/**
 * CSV per entity type (RFC 4180: comma-separated, double-quoted where needed, CRLF line ends, UTF-8 without BOM).
 * Lists inside a cell are joined with "; ", sources with " | ".
 */

type Cell = string | number | boolean | null | undefined;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(headers: string[], rows: Cell[][]): string {
  return [headers, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const list = (values: Array<string | null | undefined>) => values.filter((v): v is string => Boolean(v)).join('; ');
const territories = (refs: TerritoryRef[], data: ExportData) =>
  list(refs.map((t) => {
    const name = data.territories.get(territoryKey(t))?.name;
    return t.ref ? `${t.scale}:${t.ref}${name && name !== t.ref ? ` (${name})` : ''}` : t.scale;
  }));
const sources = (s: ExportSource[]) => formatSources(s);

export interface CsvFile {
  name: string;
  headers: string[];
  rows: Cell[][];
}

export function csvTables(data: ExportData): CsvFile[] {
  const orgName = new Map(data.organisations.map((o) => [o.id, o.name]));
  const unsettled = (m: ExportData['municipalities'][number], kind: string) => m.unsettledAreas.find((u) => u.kind === kind);
  const region = (m: ExportData['municipalities'][number], kind: string, unsettledKind: string) => {
    const found = m.serviceRegions.filter((r) => r.kind === kind).map((r) => r.name);
    if (found.length) return found.join('; ');
    const open = unsettled(m, unsettledKind);
    return open ? `onbekend — ${open.note}` : '';
  };
  return [
    {
      name: 'organisations.csv',
      headers: ['id', 'name', 'kind', 'level', 'kbo', 'ovo', 'parent', 'serves', 'contact_points', 'agreements', 'valid_from', 'valid_to', 'unconfirmed', 'last_confirmed', 'note', 'sources'],
      rows: data.organisations.map((o) => [
        o.id, o.name, o.kind, o.level, o.kbo, o.ovo, o.parent?.id, territories(o.serves, data),
        list(o.contactPoints.map((c) => `${c.kind}: ${c.value}${c.lastConfirmed ? ` (bevestigd ${c.lastConfirmed})` : ''}`)),
        list(o.partyTo.map((a) => a.id)), o.validFrom, o.validTo, list(o.unconfirmed), o.lastConfirmed, o.note, sources(o.sources),
      ]),
    },
    {
      name: 'posts.csv',
      headers: ['id', 'organisation', 'organisation_name', 'function', 'title', 'phenomena', 'valid_from', 'valid_to', 'unconfirmed', 'last_confirmed', 'note', 'sources'],
      rows: data.posts.map((p) => [
        p.id, p.organisationId, orgName.get(p.organisationId), p.function, p.title, list(p.phenomena), p.validFrom, p.validTo, list(p.unconfirmed), p.lastConfirmed, p.note, sources(p.sources),
      ]),
    },
    {
      name: 'instruments.csv',
      headers: ['id', 'name', 'kind', 'case', 'description', 'partner_kinds', 'partners', 'legal_bases', 'territory', 'phenomena', 'serv_cells', 'valid_from', 'valid_to', 'unconfirmed', 'note', 'sources'],
      rows: data.instruments.map((i) => [
        i.id, i.name, i.kind, i.case?.id, i.description, list(i.partnerKinds), list(i.partners.map((p) => p.id)), list(i.legalBases.map((l) => l.id)),
        territories(i.territory, data), list(i.phenomena), list(i.classifications.map((c) => `${c.principle}/${c.dimension}`)),
        i.validFrom, i.validTo, list(i.unconfirmed), i.note, sources(i.sources),
      ]),
    },
    {
      name: 'legal-bases.csv',
      headers: ['id', 'kind', 'level', 'title', 'short_title', 'date', 'publication_date', 'valid_from', 'valid_to', 'in_force_on_export_date', 'eli', 'url', 'relations', 'unconfirmed', 'note', 'sources'],
      rows: data.legalBases.map((l) => [
        l.id, l.kind, l.level, l.title, l.shortTitle, l.date, l.publicationDate, l.validFrom, l.validTo, l.inForce === null ? 'unknown' : l.inForce, l.eli, l.url,
        list(l.relations.map((r) => `${r.type} ${r.to.id}`)), list(l.unconfirmed), l.note, sources(l.sources),
      ]),
    },
    {
      name: 'municipalities.csv',
      headers: ['nis', 'name', 'region', 'province', 'administrative_arrondissement', 'police_zone', 'police_zone_number', 'eerstelijnszone', 'judicial_arrondissement', 'judicial_division', 'veilig_huis_region', 'ariec_area', 'gezin_plan_network', 'postcodes', 'valid_from', 'sources'],
      rows: data.municipalities.map((m) => [
        m.nis, m.name, m.region, m.province?.name, m.arrondissement.name, m.policeZone.name, m.policeZone.zoneNumber, m.eerstelijnszone.name,
        m.judicialArrondissement?.name ?? (unsettled(m, 'JUDICIAL_ARRONDISSEMENT') ? `onbekend — ${unsettled(m, 'JUDICIAL_ARRONDISSEMENT')!.note}` : ''),
        m.judicialDivision?.name ?? (unsettled(m, 'JUDICIAL_DIVISION') ? `onbekend — ${unsettled(m, 'JUDICIAL_DIVISION')!.note}` : ''),
        region(m, 'VEILIG_HUIS_REGION', 'VEILIG_HUIS_REGION'), region(m, 'ARIEC_AREA', 'ARIEC_AREA'), region(m, 'GEZIN_PLAN_NETWORK', 'GEZIN_PLAN_NETWORK'),
        list(m.postcodes.map((p) => p.postcode)), m.validFrom, sources(m.sources),
      ]),
    },
    {
      name: 'agreements.csv',
      headers: ['id', 'kind', 'title', 'parent', 'forum', 'phenomena', 'conditions', 'parties', 'legal_bases', 'territory', 'valid_from', 'valid_to', 'in_force_on_export_date', 'unconfirmed', 'note', 'sources'],
      rows: data.agreements.map((a) => [
        a.id, a.kind, a.title, a.parent?.id, a.forum, list(a.phenomena), list(a.conditions),
        list(a.parties.map((p) => `${p.organisation?.id ?? `kind:${p.partyKind}`}${p.role ? ` (${p.role})` : ''}`)),
        list(a.legalBases.map((l) => l.id)), territories(a.territory, data), a.validFrom, a.validTo, a.inForce === null ? 'unknown' : a.inForce,
        list(a.unconfirmed), a.note, sources(a.sources),
      ]),
    },
    {
      name: 'congruence.csv',
      headers: ['kind', 'id', 'name', 'scales', 'congruent', 'mismatches', 'sources'],
      rows: [
        ...data.instruments.map((i) => [
          'instrument', i.id, i.name, list(i.scaleCongruence.instrumentScales),
          i.scaleCongruence.congruent === null ? 'unknown' : i.scaleCongruence.congruent, list(i.scaleCongruence.mismatches), sources(i.sources),
        ]),
        // Derived from the municipality's territorial data: its sources are those of the municipality's row.
        ...data.scaleMismatches.map((m) => [
          'municipality', m.municipality.nis, m.municipality.name, '', false, list(m.mismatches),
          sources(data.municipalities.find((x) => x.nis === m.municipality.nis)?.sources ?? []),
        ]),
      ],
    },
  ];
}

/** File name → CSV text, and the datapackage.json that describes them. */
export function toCsvFiles(data: ExportData): Record<string, string> {
  const tables = csvTables(data);
  const resources = tables.map((t) => ({ name: t.name.replace(/\.csv$/, ''), path: t.name, format: 'csv', mediatype: 'text/csv', encoding: 'utf-8' }));
  return {
    ...Object.fromEntries(tables.map((t) => [t.name, toCsv(t.headers, t.rows)])),
    'datapackage.json': JSON.stringify(dataPackage(datasetDescription(data), resources), null, 2) + '\n',
  };
}
