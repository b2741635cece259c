import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../core/paths';
import { coverageIn, renderCoverage, withCoverage } from '../../hub/export/coverage';
import { type GapReport, fetchGapReport, gapCsvFiles } from '../../hub/export/gaps';
import { writeFiles } from '../../hub/export/write';
import { startTestHub } from '../helpers/hub';
import { token } from '../helpers/tokens';

/** The gap report as CSV and as the coverage table of docs/data.md, read from a real hub over the seed data. */

let hub: Awaited<ReturnType<typeof startTestHub>>;
let report: GapReport;
let outDir: string;

beforeAll(async () => {
  hub = await startTestHub();
  report = await fetchGapReport(hub.url, { headers: { authorization: `Bearer ${await token(hub.dataDir, { role: 'ADMIN' })}` } });
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketenkaart-gaps-'));
});
afterAll(async () => {
  await hub?.stop();
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

describe('the gap report as CSV', () => {
  it('writes one gap per row and one total per row, which csv-parse reads back as the API gave them', () => {
    const written = writeFiles(gapCsvFiles(report), outDir);
    expect(written.map((f) => path.basename(f)).sort()).toEqual(['gap-municipalities.csv', 'gap-totals.csv', 'gaps.csv']);
    const read = (name: string) => parseCsv(fs.readFileSync(path.join(outDir, name), 'utf8'), { columns: true, bom: false }) as Array<Record<string, string>>;

    const gaps = read('gaps.csv');
    expect(gaps).toHaveLength(report.records.reduce((n, r) => n + r.gaps.length, 0));
    const vh = gaps.filter((g) => g.record_id === 'veilig-huis-limburg' && g.record_type === 'ORGANISATION');
    expect(vh.map((g) => g.gap_code)).toContain('NO_CONTACT_POINT');
    expect(vh.find((g) => g.gap_code === 'NO_CONTACT_POINT')).toMatchObject({ organisation_id: 'veilig-huis-limburg', field: 'contactPoints', explanation: expect.stringMatching(/^Geen eigen publiek contactpunt/) });

    const totals = read('gap-totals.csv');
    expect(totals).toHaveLength(report.totals.length + report.municipalityTotals.length);
    const vhContact = report.totals.find((t) => t.kind === 'VEILIG_HUIS' && t.measure === 'CONTACT_POINT')!;
    expect(totals).toContainEqual({ over: 'ORGANISATIONS', kind: 'VEILIG_HUIS', label: 'Veilig Huis', measure: 'CONTACT_POINT', known: String(vhContact.known), of: String(vhContact.of), sentence: vhContact.sentence });
    expect(read('gap-municipalities.csv')).toHaveLength(report.municipalities.length);
  });
});

describe('the coverage table of docs/data.md', () => {
  it('is what the gap report gives over the seed data (run `npm run docs:coverage` after changing the data)', () => {
    const doc = fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'data.md'), 'utf8');
    expect(coverageIn(doc)).toBe(renderCoverage(report));
  });

  it('counts from the report, so a change of the data changes the table', () => {
    const doc = fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'data.md'), 'utf8');
    const changed: GapReport = { ...report, totals: report.totals.map((t) => (t.kind === 'VEILIG_HUIS' && t.measure === 'CONTACT_POINT' ? { ...t, known: t.known + 1 } : t)) };
    expect(coverageIn(withCoverage(doc, renderCoverage(changed)))).not.toBe(coverageIn(doc));
    expect(() => withCoverage('no markers here', renderCoverage(report))).toThrow(/markers are missing/);
  });
});
