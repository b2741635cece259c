import { OrganisationKind } from '../../_shared/enums';
import { lastConfirmedOf } from '../../_shared/graphql-types';
import { type GapInput, type OrganisationRow, isCurrent } from './record-gaps';
import type { KindCoverage, MunicipalityCoverage, MunicipalityServiceCoverage } from './types';
import { type Measure, kindLabel, measureLabel, vocabulary } from './vocabulary';

/**
 * Totals of the gap report, counted from the same rows as the per-record gaps so that the two never disagree:
 * per organisation kind ("Veilig Huis: contactpunt bekend voor 1 van 9") and per municipality for the services
 * of its who-is-who card ("Politiezone: contactpunt bekend voor 68 van 285 Vlaamse gemeenten").
 */

const sentence = (label: string, measure: Measure, known: number, of: number, days: number, over = '') =>
  `${label}: ${measureLabel(measure, { days })} voor ${known} van ${of}${over ? ` ${over}` : ''}`;

export function kindTotals(input: GapInput): KindCoverage[] {
  const organisations = input.organisations.filter((o) => isCurrent(o, input.today));
  const withSite = new Set(input.sites.filter((s) => isCurrent(s, input.today)).map((s) => s.organisationId));
  const siteKinds = new Set(vocabulary().siteKinds);
  const tests: Array<[Measure, (o: OrganisationRow) => boolean, (k: OrganisationKind) => boolean]> = [
    ['CONTACT_POINT', (o) => o.contactPoints.length > 0, () => true],
    ['IDENTIFIER', (o) => Boolean(o.kbo || o.ovo), () => true],
    ['SITE', (o) => withSite.has(o.id), (k) => siteKinds.has(k)],
    ['START_DATE', (o) => Boolean(o.validFrom || o.validFromEdtf), () => true],
    ['CONFIRMED', (o) => (lastConfirmedOf([...o.sources, ...o.contactPoints.flatMap((c) => c.sources)], o.confirmedOn) ?? '') >= input.confirmedSince, () => true],
  ];
  const kinds = Object.values(OrganisationKind).filter((k) => organisations.some((o) => o.kind === k));
  return kinds.flatMap((kind) => {
    const ofKind = organisations.filter((o) => o.kind === kind);
    const label = kindLabel(kind);
    return tests
      .filter(([, , applies]) => applies(kind))
      .map(([measure, known]) => {
        const count = ofKind.filter(known).length;
        return { kind, label, measure, known: count, of: ofKind.length, sentence: sentence(label, measure, count, ofKind.length, input.freshnessDays) };
      });
  });
}

export interface MunicipalityRow {
  nis: string;
  name: string;
  region: string;
  unsettledAreas: Array<{ kind: string; note: string }>;
}

/**
 * For each municipality of the vocabulary's region and each service of its card: which organisations of that
 * kind serve it today (from the expanded territories), and whether one of them has a contact point of its own.
 */
export function municipalityCoverage(
  input: GapInput,
  municipalities: MunicipalityRow[],
  serving: Array<{ organisationId: string; municipalityNis: string }>,
  /** For one organisation's report: only its kind, over the municipalities it serves. */
  only?: { kind: OrganisationKind; municipalities: Set<string> },
): { rows: MunicipalityServiceCoverage[]; totals: MunicipalityCoverage[] } {
  const { region, regionLabel, kinds } = vocabulary().municipalityServices;
  const organisations = new Map(input.organisations.filter((o) => isCurrent(o, input.today)).map((o) => [o.id, o]));
  const byMunicipality = new Map<string, OrganisationRow[]>();
  for (const s of serving) {
    const o = organisations.get(s.organisationId);
    if (o) byMunicipality.set(s.municipalityNis, [...(byMunicipality.get(s.municipalityNis) ?? []), o]);
  }
  const inRegion = municipalities.filter((m) => m.region === region && (!only || only.municipalities.has(m.nis)));
  const rows: MunicipalityServiceCoverage[] = [];
  const totals: MunicipalityCoverage[] = [];
  for (const [kind, areaKind] of Object.entries(kinds) as Array<[OrganisationKind, string | null]>) {
    if (only && only.kind !== kind) continue;
    const label = kindLabel(kind);
    let served = 0;
    let reachable = 0;
    for (const m of inRegion) {
      const ofKind = (byMunicipality.get(m.nis) ?? []).filter((o) => o.kind === kind);
      const contactPointKnown = ofKind.some((o) => o.contactPoints.length > 0);
      const unsettled = ofKind.length ? null : (m.unsettledAreas.find((u) => u.kind === areaKind)?.note ?? null);
      if (ofKind.length) served++;
      if (contactPointKnown) reachable++;
      rows.push({ nis: m.nis, name: m.name, kind, organisationIds: ofKind.map((o) => o.id).sort(), contactPointKnown, unsettled });
    }
    for (const [measure, known] of [['SERVICE_KNOWN', served], ['CONTACT_POINT', reachable]] as const) {
      totals.push({ kind, label, measure, known, of: inRegion.length, sentence: sentence(label, measure, known, inRegion.length, input.freshnessDays, regionLabel) });
    }
  }
  return { rows, totals };
}
