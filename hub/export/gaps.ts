import { type GatherOptions, ask } from './gather';
import { toCsv } from './csv';

/**
 * The gap report (Query.registryGaps, admins) as tidy CSV: one gap per row, and one total per row. Read through
 * the public API like every export, so the files say exactly what the API says.
 */

export interface GapReport {
  organisationId: string | null;
  freshnessDays: number;
  confirmedSince: string;
  records: Array<{
    recordType: string;
    recordId: string;
    organisationId: string | null;
    organisationIds: string[];
    label: string;
    gaps: Array<{ code: string; field: string | null; explanation: string; count: number | null }>;
  }>;
  totals: Array<{ kind: string; label: string; measure: string; known: number; of: number; sentence: string }>;
  municipalities: Array<{ nis: string; name: string; kind: string; organisationIds: string[]; contactPointKnown: boolean; unsettled: string | null }>;
  municipalityTotals: Array<{ kind: string; label: string; measure: string; known: number; of: number; sentence: string }>;
}

export const GAP_REPORT_QUERY = `query RegistryGaps($organisationId: ID, $freshnessDays: Int) {
  registryGaps(organisationId: $organisationId, freshnessDays: $freshnessDays) {
    organisationId freshnessDays confirmedSince
    records { recordType recordId organisationId organisationIds label gaps { code field explanation count } }
    totals { kind label measure known of sentence }
    municipalities { nis name kind organisationIds contactPointKnown unsettled }
    municipalityTotals { kind label measure known of sentence }
  }
}`;

export async function fetchGapReport(endpoint: string, opts: GatherOptions & { organisationId?: string; freshnessDays?: number } = {}): Promise<GapReport> {
  const { registryGaps } = await ask<{ registryGaps: GapReport }>(
    endpoint,
    GAP_REPORT_QUERY,
    { organisationId: opts.organisationId ?? null, freshnessDays: opts.freshnessDays ?? 365 },
    opts,
  );
  return registryGaps;
}

/** gaps.csv (one gap per row), gap-totals.csv (per kind and per municipality), gap-municipalities.csv. */
export function gapCsvFiles(report: GapReport): Record<string, string> {
  return {
    'gaps.csv': toCsv(
      ['organisation_id', 'record_type', 'record_id', 'label', 'gap_code', 'field', 'count', 'explanation'],
      report.records.flatMap((r) => r.gaps.map((g) => [r.organisationId, r.recordType, r.recordId, r.label, g.code, g.field, g.count, g.explanation])),
    ),
    'gap-totals.csv': toCsv(
      ['over', 'kind', 'label', 'measure', 'known', 'of', 'sentence'],
      [
        ...report.totals.map((t) => ['ORGANISATIONS', t.kind, t.label, t.measure, t.known, t.of, t.sentence]),
        ...report.municipalityTotals.map((t) => ['MUNICIPALITIES', t.kind, t.label, t.measure, t.known, t.of, t.sentence]),
      ],
    ),
    'gap-municipalities.csv': toCsv(
      ['nis', 'name', 'kind', 'organisations', 'contact_point_known', 'unsettled'],
      report.municipalities.map((m) => [m.nis, m.name, m.kind, m.organisationIds.join('; '), m.contactPointKnown, m.unsettled]),
    ),
  };
}
