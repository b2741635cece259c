import { allPages } from './all-pages';
import { type LinkedDataExtras, gatherLinkedData } from './linked-data/gather-linked';

/**
 * Reads everything an export needs through the public GraphQL API of a hub (its gateway URL), so an export shows
 * exactly what any client of the hub sees. The format modules (csv, jsonld, graphml) only transform this data.
 */

export interface ExportSource {
  document: string | null;
  dataset: string | null;
  locator: string | null;
  quote: string | null;
  url: string | null;
  title: string | null;
  seen: string | null;
}

/** A date at the precision the sources give (EDTF level 0), as Validity.from/to and Succession.date. */
export interface ExportPartialDate {
  edtf: string;
  precision: 'DAY' | 'MONTH' | 'YEAR';
  planned: boolean;
}

export interface ExportValidity {
  from: ExportPartialDate | null;
  to: ExportPartialDate | null;
  /** On the export day: IN_FORCE, NOT_IN_FORCE or UNKNOWN with the reason code. */
  inForceOn?: { state: 'IN_FORCE' | 'NOT_IN_FORCE' | 'UNKNOWN'; reason: string | null };
}

export interface TerritoryRef {
  scale: string;
  ref: string | null;
}

export interface ExportContactPoint {
  kind: string;
  value: string;
  lastConfirmed: string | null;
  sources: ExportSource[];
}

export interface ExportPost {
  id: string;
  function: string;
  title: string;
  phenomena: string[];
  validFrom: string | null;
  validTo: string | null;
  unconfirmed: string[];
  note: string | null;
  lastConfirmed: string | null;
  sources: ExportSource[];
  version: number;
  validity: ExportValidity;
  /** The post's own territory where it is not its organisation's. */
  serves: TerritoryRef[] | null;
  /** For a post every organisation of a kind has: the kind (organisationId is then null). */
  organisationKind: string | null;
  /** Filled in by gather: the organisation the post belongs to (see ExportData.kindPosts for posts of a kind). */
  organisationId: string;
}

/** A post every organisation of a kind has: it belongs to no one organisation. */
export type ExportKindPost = Omit<ExportPost, 'organisationId'> & { organisationId: null };

export interface ExportSuccession {
  type: string;
  date: ExportPartialDate | null;
  note: string | null;
  sources: ExportSource[];
  organisation: { id: string } | null;
}

export interface ExportOrganisation {
  id: string;
  name: string;
  kind: string;
  level: string;
  kbo: string | null;
  ovo: string | null;
  serves: TerritoryRef[];
  contactPoints: ExportContactPoint[];
  validFrom: string | null;
  validTo: string | null;
  unconfirmed: string[];
  note: string | null;
  lastConfirmed: string | null;
  sources: ExportSource[];
  parent: { id: string } | null;
  partyTo: Array<{ id: string }>;
  posts: Array<Omit<ExportPost, 'organisationId' | 'organisationKind'>>;
  version: number;
  validity: ExportValidity;
  /** The bodies that followed this one (or may be the same as it: UNSETTLED). */
  successors: ExportSuccession[];
}

export interface ExportInstrument {
  id: string;
  name: string;
  kind: string;
  description: string | null;
  partnerKinds: string[];
  territory: TerritoryRef[];
  phenomena: string[];
  validFrom: string | null;
  validTo: string | null;
  unconfirmed: string[];
  note: string | null;
  sources: ExportSource[];
  case: { id: string; name: string } | null;
  partners: Array<{ id: string }>;
  legalBases: Array<{ id: string }>;
  classifications: Array<{ principle: string; dimension: string; sources: ExportSource[] }>;
  scaleCongruence: { instrumentScales: string[]; congruent: boolean | null; mismatches: string[] };
  version: number;
  validity: ExportValidity;
  lastConfirmed: string | null;
  /** The agreement this instrument is, where it is one. */
  agreement: { id: string } | null;
  figures: Array<{ name: string; value: number; unit: string; period: string | null; date: string | null; note: string | null; sources: ExportSource[] }>;
  relations: Array<{ type: string; direction: 'OUTGOING' | 'INCOMING'; planned: boolean; note: string | null; sources: ExportSource[]; instrument: { id: string } | null }>;
}

export interface ExportLegalBasis {
  id: string;
  kind: string;
  level: string;
  title: string;
  shortTitle: string | null;
  date: string | null;
  publicationDate: string | null;
  validFrom: string | null;
  validTo: string | null;
  eli: string | null;
  url: string | null;
  unconfirmed: string[];
  note: string | null;
  sources: ExportSource[];
  inForce: boolean | null;
  relations: Array<{ type: string; note: string | null; to: { id: string } }>;
  validity: ExportValidity;
  lastConfirmed: string | null;
}

export interface NamedArea {
  id: string;
  name: string;
  sources: ExportSource[];
}

export interface ExportMunicipality {
  nis: string;
  name: string;
  region: string;
  validFrom: string | null;
  sources: ExportSource[];
  province: (NamedArea & { nis: string }) | null;
  arrondissement: NamedArea & { nis: string };
  policeZone: NamedArea & { zoneNumber: string | null };
  eerstelijnszone: NamedArea;
  judicialArrondissement: NamedArea | null;
  judicialDivision: NamedArea | null;
  unsettledAreas: Array<{ kind: string; note: string; sources?: ExportSource[] }>;
  serviceRegions: Array<NamedArea & { kind: string }>;
  postcodes: Array<{ postcode: string }>;
}

export interface ExportAgreementParty {
  partyKind: string | null;
  role: string | null;
  organisation: { id: string } | null;
  sources: ExportSource[];
}

export interface ExportAgreement {
  id: string;
  kind: string;
  title: string;
  territory: TerritoryRef[];
  phenomena: string[];
  forum: string | null;
  conditions: string[];
  validFrom: string | null;
  validTo: string | null;
  unconfirmed: string[];
  note: string | null;
  sources: ExportSource[];
  parent: { id: string } | null;
  parties: ExportAgreementParty[];
  legalBases: Array<{ id: string }>;
  inForce: boolean | null;
  version: number;
  validity: ExportValidity;
  lastConfirmed: string | null;
}

export interface ExportCase {
  id: string;
  name: string;
  description: string | null;
  sources: ExportSource[];
}

/** One cell of the SERV grid for one case: present or not, and the evidence (for an absent cell: the source saying so). */
export interface ExportServCell {
  case: string;
  principle: string;
  dimension: string;
  present: boolean;
  evidence: Array<{ instrument: { id: string } | null; sources: ExportSource[] }>;
}

/** A territory some record refers to, with the name and sources the hub gives for it where it knows it. */
export interface ExportTerritory {
  key: string;
  scale: string;
  ref: string | null;
  name: string;
  sources: ExportSource[];
}

export interface ExportData {
  /** The day the export was taken (the hub's "today" for in-force questions and current posts). */
  exportedOn: string;
  endpoint: string;
  organisations: ExportOrganisation[];
  posts: ExportPost[];
  instruments: ExportInstrument[];
  legalBases: ExportLegalBasis[];
  municipalities: ExportMunicipality[];
  agreements: ExportAgreement[];
  /** Municipalities where police zone, judicial division, Veilig Huis region and ARIEC area do not nest. */
  scaleMismatches: Array<{ municipality: { nis: string; name: string }; mismatches: string[] }>;
  /** Every territory referenced by an organisation, instrument or agreement, keyed by `territoryKey`. */
  territories: Map<string, ExportTerritory>;
  /** Posts every organisation of a kind has (organisationId null, organisationKind set). */
  kindPosts: ExportKindPost[];
  cases: ExportCase[];
  /** The SERV grid per case (report section 4.4.5), computed by the hub from the classifications and absences. */
  servCells: ExportServCell[];
  /** The base of the records' HTTP URIs (PUBLIC_BASE_URL; by default the hub's own origin). */
  publicBaseUrl: string;
  /** What only the Linked Data uses: cases, the SERV grid with evidence, sites, lineage, figures. */
  linked: LinkedDataExtras;
}

/**
 * Page size, written into the queries as a literal so the gateway's cost limit (which multiplies by a literal
 * `first`) weighs each page honestly; 25 keeps the heaviest page (municipalities) well under the limit.
 */
const PAGE_SIZE = 25;

// Source fields are spelled out, not a fragment: the gateway's cost limit charges every fragment spread.
const S = 'document dataset locator quote url title seen';
// Validity at the precision the sources give, with the three-valued in-force answer for the export day (which the
// dataset version leaves out: it changes with the day, not with the data).
const V = 'validity { from { edtf precision planned } to { edtf precision planned } inForceOn { state reason } }';

const ORGANISATIONS = `query ExportOrganisations($after: String) {
  page: organisations(first: ${PAGE_SIZE}, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name kind level kbo ovo
      serves { scale ref }
      contactPoints { kind value lastConfirmed sources { ${S} } }
      validFrom validTo unconfirmed note lastConfirmed
      sources { ${S} }
      parent { id }
      partyTo { id }
      posts { id function title phenomena validFrom validTo unconfirmed note lastConfirmed sources { ${S} } version ${V} serves { scale ref } }
      version ${V}
      successors { type date { edtf precision planned } note sources { ${S} } organisation { id } }
    }
  }
}`;

const INSTRUMENTS = `query ExportInstruments($after: String) {
  page: cooperationInstruments(first: ${PAGE_SIZE}, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name kind description partnerKinds
      territory { scale ref }
      phenomena validFrom validTo unconfirmed note
      sources { ${S} }
      case { id name }
      partners { id }
      legalBases { id }
      classifications { principle dimension sources { ${S} } }
      scaleCongruence { instrumentScales congruent mismatches }
      version ${V} lastConfirmed
      agreement { id }
      figures { name value unit period date note sources { ${S} } }
      relations { type direction planned note sources { ${S} } instrument { id } }
    }
  }
}`;

const SCALE_MISMATCHES = `query ExportScaleMismatches { scaleMismatches { municipality { nis name } mismatches } }`;

const LEGAL_BASES = `query ExportLegalBases($after: String) {
  page: legalBases(first: ${PAGE_SIZE}, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id kind level title shortTitle date publicationDate validFrom validTo eli url unconfirmed note
      sources { ${S} }
      inForce
      relations { type note to { id } }
      ${V} lastConfirmed
    }
  }
}`;

const MUNICIPALITIES = `query ExportMunicipalities($after: String) {
  page: municipalities(first: ${PAGE_SIZE}, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      nis name region validFrom
      sources { ${S} }
      province { id name nis sources { ${S} } }
      arrondissement { id name nis sources { ${S} } }
      policeZone { id name zoneNumber sources { ${S} } }
      eerstelijnszone { id name sources { ${S} } }
      judicialArrondissement { id name sources { ${S} } }
      judicialDivision { id name sources { ${S} } }
      unsettledAreas { kind note sources { ${S} } }
      serviceRegions { id kind name sources { ${S} } }
      postcodes { postcode }
    }
  }
}`;

const AGREEMENTS = `query ExportAgreements {
  agreements {
    id kind title
    territory { scale ref }
    phenomena forum conditions validFrom validTo unconfirmed note
    sources { ${S} }
    parent { id }
    parties { partyKind role organisation { id } sources { ${S} } }
    legalBases { id }
    inForce
    version ${V} lastConfirmed
  }
}`;

const KIND_POSTS = `query ExportKindPosts {
  kindPosts { id organisationKind function title phenomena validFrom validTo unconfirmed note lastConfirmed sources { ${S} } version ${V} serves { scale ref } }
}`;

const CASES = `query ExportCases { cases { id name description sources { ${S} } } }`;

const SERV_SYNTHESIS = `query ExportServSynthesis {
  servSynthesis { case { id } cells { principle dimension present evidence { instrument { id } sources { ${S} } } } }
}`;

/** The queries an export sends (the tests check they fit the gateway's limits). */
export const EXPORT_QUERIES = { ORGANISATIONS, INSTRUMENTS, LEGAL_BASES, MUNICIPALITIES, AGREEMENTS, KIND_POSTS, CASES, SERV_SYNTHESIS };

export class ExportQueryError extends Error {
  readonly userFacing = true;
  constructor(
    message: string,
    readonly errors: unknown[] = [],
  ) {
    super(message);
    this.name = 'ExportQueryError';
  }
}

export interface GatherOptions {
  /** Extra request headers, for example an Authorization header once the hub requires one. */
  headers?: Record<string, string>;
  /** The base of record URIs (PUBLIC_BASE_URL); by default the origin of `endpoint`. */
  publicBaseUrl?: string;
}

export async function ask<T>(endpoint: string, query: string, variables: Record<string, unknown>, opts: GatherOptions): Promise<T> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...opts.headers },
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    throw new ExportQueryError(`Cannot reach the hub at ${endpoint}: ${(err as Error).cause ?? (err as Error).message}`);
  }
  const text = await response.text();
  let body: { data?: T; errors?: Array<{ message: string }> };
  try {
    body = JSON.parse(text);
  } catch {
    throw new ExportQueryError(`The hub at ${endpoint} answered ${response.status} with something that is not JSON: ${text.slice(0, 200)}`);
  }
  if (body.errors?.length || !body.data) {
    const messages = (body.errors ?? []).map((e) => e.message).join('; ');
    throw new ExportQueryError(`The hub at ${endpoint} refused the export query (${response.status}): ${messages || 'no data'}`, body.errors ?? []);
  }
  return body.data;
}

function allPagesFrom<T>(endpoint: string, query: string, opts: GatherOptions): Promise<T[]> {
  return allPages<T>((q, variables) => ask(endpoint, q, variables, opts), query, () => new ExportQueryError(`More than 1000 pages from ${endpoint}: stopping rather than looping forever.`));
}

export function territoryKey(t: TerritoryRef): string {
  return t.ref ? `${t.scale}:${t.ref}` : t.scale;
}

/** Names for scales that have no ref: the whole region, or "every area of this scale" as the sources put it. */
const GENERIC_SCALE_NAMES: Record<string, string> = {
  FLANDERS: 'Vlaanderen',
  BRUSSELS: 'Brussels Hoofdstedelijk Gewest',
  BELGIUM: 'België',
  MUNICIPALITY: 'elke gemeente (niet bij naam)',
  POLICE_ZONE: 'elke politiezone (niet bij naam)',
  EERSTELIJNSZONE: 'elke eerstelijnszone (niet bij naam)',
  ADMINISTRATIVE_ARRONDISSEMENT: 'elk administratief arrondissement (niet bij naam)',
  JUDICIAL_ARRONDISSEMENT: 'elk gerechtelijk arrondissement (niet bij naam)',
  JUDICIAL_DIVISION: 'elke gerechtelijke afdeling (niet bij naam)',
  PROVINCE: 'elke provincie (niet bij naam)',
  SERVICE_REGION: 'elke dienstregio (niet bij naam)',
};

/** Every named area the municipalities mention, by territory key, to name the territories records refer to. */
function knownAreas(municipalities: ExportMunicipality[]): Map<string, { name: string; sources: ExportSource[] }> {
  const known = new Map<string, { name: string; sources: ExportSource[] }>();
  const add = (scale: string, area: NamedArea | null) => {
    if (area && !known.has(`${scale}:${area.id}`)) known.set(`${scale}:${area.id}`, { name: area.name, sources: area.sources });
  };
  for (const m of municipalities) {
    known.set(`MUNICIPALITY:${m.nis}`, { name: m.name, sources: m.sources });
    add('PROVINCE', m.province);
    add('ADMINISTRATIVE_ARRONDISSEMENT', m.arrondissement);
    add('POLICE_ZONE', m.policeZone);
    add('EERSTELIJNSZONE', m.eerstelijnszone);
    add('JUDICIAL_ARRONDISSEMENT', m.judicialArrondissement);
    add('JUDICIAL_DIVISION', m.judicialDivision);
    for (const region of m.serviceRegions) add('SERVICE_REGION', region);
  }
  return known;
}

/** Everything the exports contain, read from the hub at `endpoint` (a gateway's /graphql URL). */
export async function gatherExportData(endpoint: string, opts: GatherOptions = {}): Promise<ExportData> {
  const [organisations, instruments, legalBases, municipalities, agreementsData, mismatchData, casesData, synthesisData, kindPostsData, linked] = await Promise.all([
    allPagesFrom<ExportOrganisation>(endpoint, ORGANISATIONS, opts),
    allPagesFrom<ExportInstrument>(endpoint, INSTRUMENTS, opts),
    allPagesFrom<ExportLegalBasis>(endpoint, LEGAL_BASES, opts),
    allPagesFrom<ExportMunicipality>(endpoint, MUNICIPALITIES, opts),
    ask<{ agreements: ExportAgreement[] }>(endpoint, AGREEMENTS, {}, opts),
    ask<{ scaleMismatches: ExportData['scaleMismatches'] }>(endpoint, SCALE_MISMATCHES, {}, opts),
    ask<{ cases: ExportCase[] | null }>(endpoint, CASES, {}, opts),
    ask<{ servSynthesis: Array<{ case: { id: string }; cells: Array<Omit<ExportServCell, 'case'>> }> | null }>(endpoint, SERV_SYNTHESIS, {}, opts),
    ask<{ kindPosts: Array<Omit<ExportPost, 'organisationId'>> | null }>(endpoint, KIND_POSTS, {}, opts),
    gatherLinkedData((query, variables) => ask(endpoint, query, variables, opts)),
  ]);
  const agreements = agreementsData.agreements;
  const posts: ExportPost[] = organisations.flatMap((o) => o.posts.map((p) => ({ ...p, organisationId: o.id, organisationKind: null })));
  const kindPosts: ExportKindPost[] = (kindPostsData.kindPosts ?? []).map((p) => ({ ...p, organisationId: null }));

  const known = knownAreas(municipalities);
  const territories = new Map<string, ExportTerritory>();
  const refs = [
    ...organisations.flatMap((o) => o.serves), ...instruments.flatMap((i) => i.territory), ...agreements.flatMap((a) => a.territory),
    ...[...posts, ...kindPosts].flatMap((p) => p.serves ?? []),
  ];
  for (const t of refs) {
    const key = territoryKey(t);
    if (territories.has(key)) continue;
    const area = t.ref ? known.get(key) : undefined;
    territories.set(key, {
      key,
      scale: t.scale,
      ref: t.ref,
      name: area?.name ?? (t.ref ? t.ref : (GENERIC_SCALE_NAMES[t.scale] ?? t.scale)),
      sources: area?.sources ?? [],
    });
  }

  return {
    exportedOn: new Date().toISOString().slice(0, 10),
    endpoint,
    organisations,
    posts,
    instruments,
    legalBases,
    municipalities,
    agreements,
    scaleMismatches: mismatchData.scaleMismatches,
    territories,
    kindPosts,
    cases: casesData.cases ?? [],
    servCells: (synthesisData.servSynthesis ?? []).flatMap((c) => c.cells.map((cell) => ({ case: c.case.id, ...cell }))),
    publicBaseUrl: (opts.publicBaseUrl ?? new URL(endpoint).origin).replace(/\/+$/, ''),
    linked,
  };
}

/** One source as a short human-readable citation: document or title, locator, URL and the date it was seen. */
export function formatSource(s: ExportSource): string {
  const parts: string[] = [];
  const what = s.document ?? s.dataset ?? s.title;
  if (what) parts.push(what);
  if (s.locator) parts.push(`§ ${s.locator}`);
  if (s.url) parts.push(`<${s.url}>`);
  if (s.seen) parts.push(`(geraadpleegd ${s.seen})`);
  return parts.join(' ');
}

export function formatSources(sources: ExportSource[]): string {
  return sources.map(formatSource).join(' | ');
}
