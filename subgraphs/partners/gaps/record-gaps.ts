import { type DatedRecord, dutchLabel, inForceOn, validityOf } from '../../../core/partial-date';
import type { OrganisationKind } from '../../_shared/enums';
import type { SourceRecord } from '../../_shared/graphql-types';
import { lastConfirmedOf } from '../../_shared/graphql-types';
import type { Gap, RecordGaps } from './types';
import { GapRecordKind } from './types';
import { type GapCode, explain, kindLabel, vocabulary } from './vocabulary';

/**
 * What the registry does not know about each record: the product's own rules, on rows already loaded (the
 * resolver loads them; nothing here reads the database). Every gap carries its stable code and a Dutch
 * explanation from the vocabulary file.
 */

/** The columns every registry record has that the rules look at (subgraphs/_shared/recorded.ts). */
export interface RecordRow extends DatedRecord {
  id: string;
  validFrom: string | null;
  unconfirmed: string[];
  sources: SourceRecord[];
  confirmedOn?: string | null;
}

export interface OrganisationRow extends RecordRow {
  name: string;
  kind: OrganisationKind;
  kbo: string | null;
  ovo: string | null;
  contactPoints: Array<{ sources: SourceRecord[] }>;
}
export interface SiteRow extends RecordRow { organisationId: string; name: string }
export interface PostRow extends RecordRow { organisationId: string | null; organisationKind: OrganisationKind | null; title: string }
export interface AgreementRow extends RecordRow { title: string; partyIds: string[] }
/** Only when a post's holders hold it (days, as editors give them): who they are is never loaded for the report. */
export interface HolderTerm { postId: string; validFrom: string | null; validTo: string | null }

export interface GapInput {
  today: string;
  /** Records last confirmed before this day are NOT_CONFIRMED_RECENTLY. */
  confirmedSince: string;
  freshnessDays: number;
  organisations: OrganisationRow[];
  sites: SiteRow[];
  posts: PostRow[];
  agreements: AgreementRow[];
  holders: HolderTerm[];
}

/** A record the registry still holds as current: everything but what certainly ended. */
export const isCurrent = (r: DatedRecord, today: string) => inForceOn(validityOf(r), today).reason !== 'ENDED';

const gap = (code: GapCode, field: string | null, values: Record<string, string | number> = {}, count: number | null = null): Gap => ({
  code, field, explanation: explain(code, values), count,
});

/** Dates: unknown start, a start or end known only as a month or year, or only planned. */
function dateGaps(r: RecordRow): Gap[] {
  const gaps: Gap[] = [];
  if (!r.validFrom && !r.validFromEdtf) gaps.push(gap('START_UNKNOWN', 'validity.from'));
  const words = vocabulary().dateFields;
  for (const [end, edtf, planned] of [['from', r.validFromEdtf, r.validFromPlanned], ['to', r.validToEdtf, r.validToPlanned]] as const) {
    if (!edtf) continue;
    const values = { which: words[end], date: dutchLabel({ edtf, planned: false }) };
    if (edtf.length < 10) gaps.push(gap('DATE_IMPRECISE', `validity.${end}`, values));
    if (planned) gaps.push(gap('DATE_PLANNED', `validity.${end}`, values));
  }
  return gaps;
}

/** Not confirmed within the window: the last source consulted or editor's confirmation is older, or there is none. */
function freshnessGaps(input: GapInput, sources: SourceRecord[], confirmedOn: string | null | undefined): Gap[] {
  const last = lastConfirmedOf(sources, confirmedOn);
  if (last && last >= input.confirmedSince) return [];
  return [gap('NOT_CONFIRMED_RECENTLY', 'lastConfirmed', { days: input.freshnessDays, lastConfirmed: last ?? 'nooit' })];
}

const unconfirmedGaps = (r: RecordRow) => r.unconfirmed.map((field) => gap('UNCONFIRMED', field, { field }));

function entry(recordType: GapRecordKind, recordId: string, organisationIds: string[], label: string, gaps: Gap[]): RecordGaps {
  return { recordType, recordId, organisationId: organisationIds[0] ?? null, organisationIds, label: `${vocabulary().recordTypes[recordType]} ${label}`, gaps };
}

/** The gaps of every current record in the input; records without a gap are left out. */
export function recordGaps(input: GapInput): RecordGaps[] {
  const { today } = input;
  const current = <T extends DatedRecord>(rows: T[]) => rows.filter((r) => isCurrent(r, today));
  const sites = current(input.sites);
  const posts = current(input.posts);
  const held = new Set(input.holders.filter((h) => (!h.validFrom || h.validFrom <= today) && (!h.validTo || h.validTo > today)).map((h) => h.postId));
  const siteKinds = new Set(vocabulary().siteKinds);
  const out: RecordGaps[] = [];

  for (const o of current(input.organisations)) {
    const gaps: Gap[] = [];
    if (!o.contactPoints.length) gaps.push(gap('NO_CONTACT_POINT', 'contactPoints'));
    if (!o.kbo && !o.ovo) gaps.push(gap('NO_IDENTIFIER', 'kbo'));
    if (siteKinds.has(o.kind) && !sites.some((s) => s.organisationId === o.id)) gaps.push(gap('NO_SITE', 'sites'));
    gaps.push(...dateGaps(o));
    gaps.push(...freshnessGaps(input, [...o.sources, ...o.contactPoints.flatMap((c) => c.sources)], o.confirmedOn));
    gaps.push(...unconfirmedGaps(o));
    // A count, never who: which posts lack a holder is for the editors to look up on their own posts.
    const withoutHolder = posts.filter((p) => p.organisationId === o.id && !held.has(p.id)).length;
    if (withoutHolder) gaps.push(gap('POST_WITHOUT_HOLDER', 'posts', { count: withoutHolder }, withoutHolder));
    if (gaps.length) out.push(entry(GapRecordKind.ORGANISATION, o.id, [o.id], `${o.name} (${kindLabel(o.kind)})`, gaps));
  }
  for (const s of sites) {
    const gaps = [...dateGaps(s), ...freshnessGaps(input, s.sources, s.confirmedOn), ...unconfirmedGaps(s)];
    if (gaps.length) out.push(entry(GapRecordKind.SITE, s.id, [s.organisationId], s.name, gaps));
  }
  for (const p of posts) {
    const gaps = [...dateGaps(p), ...freshnessGaps(input, p.sources, p.confirmedOn), ...unconfirmedGaps(p)];
    const label = p.organisationKind ? `${p.title} (elk(e) ${kindLabel(p.organisationKind)})` : p.title;
    if (gaps.length) out.push(entry(GapRecordKind.POST, p.id, p.organisationId ? [p.organisationId] : [], label, gaps));
  }
  for (const a of current(input.agreements)) {
    const gaps = [...dateGaps(a), ...freshnessGaps(input, a.sources, a.confirmedOn), ...unconfirmedGaps(a)];
    if (gaps.length) out.push(entry(GapRecordKind.AGREEMENT, a.id, a.partyIds, a.title, gaps));
  }
  return sortedByOrganisation(out);
}

const TYPE_ORDER = Object.values(GapRecordKind);

/** By organisation (records of no organisation last), then record type, then id: stable for exports and diffs. */
export function sortedByOrganisation(records: RecordGaps[]): RecordGaps[] {
  const key = (r: RecordGaps) => r.organisationId ?? '\uffff';
  return [...records].sort((a, b) => key(a).localeCompare(key(b)) || TYPE_ORDER.indexOf(a.recordType) - TYPE_ORDER.indexOf(b.recordType) || a.recordId.localeCompare(b.recordId));
}

/** Areas the sources leave unsettled for a municipality: one record per municipality, one gap per area. */
export function municipalityGaps(municipalities: Array<{ nis: string; name: string; unsettledAreas: Array<{ kind: string; note: string }> }>): RecordGaps[] {
  const areas = vocabulary().areas;
  return municipalities
    .filter((m) => m.unsettledAreas.length)
    .map((m) =>
      entry(GapRecordKind.MUNICIPALITY, m.nis, [], m.name, m.unsettledAreas.map((u) => gap('UNSETTLED_AREA', u.kind, { area: areas[u.kind] ?? u.kind, note: u.note }))),
    );
}
