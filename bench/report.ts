import type { LoadResult } from './load';

export type TargetName = 'ours' | 'hive' | 'hiveNoDedupe' | 'hiveRust' | 'oursCached' | 'hiveCached' | 'direct';

export const TARGET_LABEL: Record<TargetName, string> = {
  ours: 'our gateway',
  hive: 'hive gateway',
  hiveNoDedupe: 'hive, no dedupe',
  hiveRust: 'hive, rust planner',
  oursCached: 'ours, cache on',
  hiveCached: 'hive, cache on',
  direct: 'subgraph direct',
};

export interface Measurement {
  scenario: string;
  target: TargetName;
  url: string;
  result?: LoadResult;
  /** Why the target was not measured (its answer to the check request was not a clean one). */
  skipped?: string;
  /** Our response cache's hits ÷ lookups during the run (cache on only). */
  cacheHit?: number;
  /** The main thread's busy time per response during the run, and its share of the run (varied workload). */
  hubThread?: { busyMsPerResponse: number; utilisation: number };
}

export interface Ratios {
  scenario: string;
  /** Our requests/s divided by the Hive gateway's: above 1 we are faster. */
  hiveRpsRatio?: number;
  /** The same against the Hive gateway without its in-flight deduplication (only with --hive-no-dedupe). */
  hiveNoDedupeRpsRatio?: number;
  /** Our gateway's p95 divided by the subgraph's own p95: the cost of the gateway hop. */
  directP95Ratio?: number;
  /** Against Hive with its Rust planner, where it ran. */
  hiveRustRpsRatio?: number;
  /** Both with their response caches on: ours ÷ Hive's req/s, and our p95 ÷ the subgraph's. */
  cachedHiveRpsRatio?: number;
  cachedDirectP95Ratio?: number;
  cacheHit?: number;
}

export function ratiosOf(measurements: Measurement[]): Ratios[] {
  const scenarios = [...new Set(measurements.map((m) => m.scenario))];
  return scenarios.map((scenario) => {
    const of = (t: TargetName) => measurements.find((m) => m.scenario === scenario && m.target === t)?.result;
    const ours = of('ours');
    const hive = of('hive');
    const direct = of('direct');
    const noDedupe = of('hiveNoDedupe');
    const rust = of('hiveRust');
    const cached = of('oursCached');
    const hiveCached = of('hiveCached');
    return {
      hiveRustRpsRatio: ours && rust && rust.rps > 0 ? ours.rps / rust.rps : undefined,
      cachedHiveRpsRatio: cached && hiveCached && hiveCached.rps > 0 ? cached.rps / hiveCached.rps : undefined,
      cachedDirectP95Ratio: cached && direct && direct.p95 > 0 ? cached.p95 / direct.p95 : undefined,
      cacheHit: measurements.find((m) => m.scenario === scenario && m.target === 'oursCached')?.cacheHit,
      scenario,
      hiveRpsRatio: ours && hive && hive.rps > 0 ? ours.rps / hive.rps : undefined,
      hiveNoDedupeRpsRatio: ours && noDedupe && noDedupe.rps > 0 ? ours.rps / noDedupe.rps : undefined,
      directP95Ratio: ours && direct && direct.p95 > 0 ? ours.p95 / direct.p95 : undefined,
    };
  });
}

/** The varied run's line: the worst scenario of each ratio, the distinct requests sent, the lowest hit ratio. */
export function variedResultLine(ratios: Ratios[], distinct: number): string {
  const finite = (xs: Array<number | undefined>) => xs.filter((x): x is number => x !== undefined && Number.isFinite(x));
  const fmt = (xs: number[], pick: (...v: number[]) => number) => (xs.length ? pick(...xs).toFixed(2) : 'n/a');
  return [
    'RESULT',
    `hive_rps_ratio=${fmt(finite(ratios.map((r) => r.hiveRpsRatio)), Math.min)}`,
    `direct_p95_ratio=${fmt(finite(ratios.map((r) => r.directP95Ratio)), Math.max)}`,
    `cached_hive_rps_ratio=${fmt(finite(ratios.map((r) => r.cachedHiveRpsRatio)), Math.min)}`,
    'workload=varied',
    `distinct=${distinct}`,
    `cache_hit=${fmt(finite(ratios.map((r) => r.cacheHit)), Math.min)}`,
  ].join(' ');
}

/** The worst scenario of each: the lowest rps ratio and the highest p95 ratio. */
export function resultLine(ratios: Ratios[]): string {
  const rps = ratios.map((r) => r.hiveRpsRatio).filter((x): x is number => x !== undefined && Number.isFinite(x));
  const p95 = ratios.map((r) => r.directP95Ratio).filter((x): x is number => x !== undefined && Number.isFinite(x));
  const fmt = (xs: number[], pick: (...v: number[]) => number) => (xs.length ? pick(...xs).toFixed(2) : 'n/a');
  return `RESULT hive_rps_ratio=${fmt(rps, Math.min)} direct_p95_ratio=${fmt(p95, Math.max)}`;
}

function table(header: string[], rows: string[][], rightAligned: Set<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    '| ' + cells.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, i) => (rightAligned.has(i) ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|';
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');

/** The hub thread's cost of a run as printed, in the progress line and the table: ms an answer, share busy. */
export function hubThreadCells(hubThread: NonNullable<Measurement['hubThread']>): [string, string] {
  return [hubThread.busyMsPerResponse.toFixed(2), `${(100 * hubThread.utilisation).toFixed(0)} %`];
}

/** Markdown tables (readable in a terminal, pasteable into docs/benchmarks.md). */
export function formatTables(measurements: Measurement[], ratios: Ratios[]): string {
  // The varied runs also say what each answer cost the one thread that runs the hub and the gateways.
  const withHubThread = measurements.some((m) => m.hubThread !== undefined);
  const rows = measurements.map((m) => {
    const r = m.result;
    const hub = !withHubThread ? [] : m.hubThread ? hubThreadCells(m.hubThread) : ['-', '-'];
    if (!r) return [m.scenario, TARGET_LABEL[m.target], `skipped: ${m.skipped ?? '?'}`, '', '', '', '', '', ...hub.map(() => '')];
    const bad = r.errors + r.non2xx + r.mismatches;
    return [m.scenario, TARGET_LABEL[m.target], String(r.responses), r.rps.toFixed(0), ms(r.p50), ms(r.p95), ms(r.p99), String(bad), ...hub];
  });
  const header = ['scenario', 'target', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'bad', ...(withHubThread ? ['hub thread ms/answer', 'hub thread busy'] : [])];
  const results = table(header, rows, new Set(header.map((_, i) => i).slice(2)));
  const fixed = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(2));
  const withNoDedupe = ratios.some((r) => r.hiveNoDedupeRpsRatio !== undefined);
  const withRust = ratios.some((r) => r.hiveRustRpsRatio !== undefined);
  const withCache = ratios.some((r) => r.cachedHiveRpsRatio !== undefined || r.cacheHit !== undefined);
  const ratioRows = ratios.map((r) => [
    r.scenario,
    fixed(r.hiveRpsRatio),
    ...(withNoDedupe ? [fixed(r.hiveNoDedupeRpsRatio)] : []),
    ...(withRust ? [fixed(r.hiveRustRpsRatio)] : []),
    fixed(r.directP95Ratio),
    ...(withCache ? [fixed(r.cachedHiveRpsRatio), fixed(r.cachedDirectP95Ratio), fixed(r.cacheHit)] : []),
  ]);
  const ratioHeader = [
    'scenario',
    'our rps / hive rps',
    ...(withNoDedupe ? ['our rps / hive-no-dedupe rps'] : []),
    ...(withRust ? ['our rps / hive-rust rps'] : []),
    'our p95 / direct p95',
    ...(withCache ? ['cached: our rps / hive rps', 'cached: our p95 / direct p95', 'cache hit'] : []),
  ];
  const ratioTable = table(ratioHeader, ratioRows, new Set(ratioHeader.map((_, i) => i).slice(1)));
  return `${results}\n\n${ratioTable}`;
}

/** Least-squares slope of y over x. */
export function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}
