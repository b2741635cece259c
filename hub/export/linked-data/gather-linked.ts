import type { ExportSource } from '../gather';
import { type AskGraphQL, allPages } from '../all-pages';

/**
 * What the Linked Data needs beyond the other exports' data, read through the same public GraphQL API: the cases,
 * the SERV grid with its evidence and absences, each organisation's sites and lineage, and each instrument's
 * figures and the evidence of its classifications. Holders of posts are never asked for.
 */

export interface LinkedPartialDate {
  edtf: string;
  precision: string;
  planned: boolean;
  earliest: string;
  latest: string;
}

export interface LinkedSuccession {
  type: string;
  date: LinkedPartialDate | null;
  note: string | null;
  sources: ExportSource[];
  organisation: { id: string } | null;
}

export interface LinkedSite {
  id: string;
  kind: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  unconfirmed: string[];
  note: string | null;
  lastConfirmed: string | null;
  sources: ExportSource[];
  municipality: { nis: string } | null;
}

export interface LinkedOrganisationExtras {
  id: string;
  sites: LinkedSite[];
  successors: LinkedSuccession[];
  predecessors: LinkedSuccession[];
}

export interface LinkedFigure {
  name: string;
  value: number;
  unit: string;
  period: string | null;
  date: string | null;
  note: string | null;
  sources: ExportSource[];
}

export interface LinkedInstrumentExtras {
  id: string;
  figures: LinkedFigure[];
  classifications: Array<{ principle: string; dimension: string; sources: ExportSource[] }>;
}

export interface LinkedCase {
  id: string;
  name: string;
  description: string | null;
  sources: ExportSource[];
}

export interface LinkedServCell {
  principle: string;
  dimension: string;
  present: boolean;
  evidence: Array<{ instrument: { id: string } | null; sources: ExportSource[] }>;
}

export interface LinkedDataExtras {
  cases: LinkedCase[];
  servSynthesis: Array<{ case: { id: string }; cells: LinkedServCell[] }>;
  organisations: LinkedOrganisationExtras[];
  instruments: LinkedInstrumentExtras[];
  /** Party roles as worded, where the agreements themselves are not in the data (a concept's own page). */
  partyRoles?: Array<string | null>;
}

const S = 'document dataset locator quote url title seen';
const SUCCESSION = `type date { edtf precision planned earliest latest } note sources { ${S} } organisation { id }`;

/** The selections, by record: the single-record route asks the same fields of one record. */
export const LINKED_FIELDS = {
  organisation: `id
      sites { id kind name validFrom validTo unconfirmed note lastConfirmed sources { ${S} } municipality { nis } }
      successors { ${SUCCESSION} }
      predecessors { ${SUCCESSION} }`,
  instrument: `id
      figures { name value unit period date note sources { ${S} } }
      classifications { principle dimension sources { ${S} } }`,
  cases: `cases { id name description sources { ${S} } }`,
  servSynthesis: `servSynthesis { case { id } cells { principle dimension present evidence { instrument { id } sources { ${S} } } } }`,
};

const PAGE_SIZE = 25;
const ORGANISATIONS = `query LinkedOrganisations($after: String) {
  page: organisations(first: ${PAGE_SIZE}, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${LINKED_FIELDS.organisation} } }
}`;
const INSTRUMENTS = `query LinkedInstruments($after: String) {
  page: cooperationInstruments(first: ${PAGE_SIZE}, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${LINKED_FIELDS.instrument} } }
}`;
const CASES = `query LinkedCases { ${LINKED_FIELDS.cases} ${LINKED_FIELDS.servSynthesis} }`;

export const LINKED_QUERIES = { ORGANISATIONS, INSTRUMENTS, CASES };


export async function gatherLinkedData(ask: AskGraphQL): Promise<LinkedDataExtras> {
  const [organisations, instruments, cases] = await Promise.all([
    allPages<LinkedOrganisationExtras>(ask, ORGANISATIONS),
    allPages<LinkedInstrumentExtras>(ask, INSTRUMENTS),
    ask<Pick<LinkedDataExtras, 'cases' | 'servSynthesis'>>(CASES, {}),
  ]);
  return { organisations, instruments, cases: cases.cases, servSynthesis: cases.servSynthesis };
}

export const emptyLinkedData = (): LinkedDataExtras => ({ cases: [], servSynthesis: [], organisations: [], instruments: [] });
