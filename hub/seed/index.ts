import { SEEDS_DIR } from '../../core/paths';
import { type TableResult, loadSeedPlan } from './load';
import { type SeedPlan, buildSeedPlan } from './plan';
import { readSeedFiles } from './read-files';
import type { SeedProblem } from './read-files';

export { DatabaseLostError, isConnectionLoss } from './load';

export class SeedValidationError extends Error {
  readonly userFacing = true;
  constructor(
    readonly problems: SeedProblem[],
    note?: string,
  ) {
    super(
      `the seed files have ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was loaded:\n` +
        problems.map((p) => `  - ${p.file}${p.record ? ` [${p.record}]` : ''}: ${p.problem}`).join('\n') +
        (note ? `\n${note}` : ''),
    );
  }
}

/** Reads and checks every seed file in `dir`; throws SeedValidationError on any problem, before anything is written. */
export function validateSeeds(dir = SEEDS_DIR): { plan: SeedPlan; records: number } {
  const seeds = readSeedFiles(dir);
  // A file that cannot be read takes all its records with it, so every reference to them would be reported as
  // missing too (68 lines after the one that matters): references wait until every file can be read.
  if (seeds.problems.some((p) => p.unreadable)) {
    throw new SeedValidationError(seeds.problems, 'References between the files are checked once every file can be read.');
  }
  if (!seeds.problems.length && !seeds.records.length) {
    // Loading nothing would remove every seeded row.
    throw new SeedValidationError([{ file: dir, problem: 'contains no seed records (no .yaml files with `records:`)' }]);
  }
  const { plan, problems } = buildSeedPlan(seeds);
  if (problems.length) throw new SeedValidationError(problems);
  return { plan, records: seeds.records.length };
}

/** Validates every seed file, then loads all of them in one transaction. Throws before writing on any problem. */
export async function seed(databaseUrl: string, opts: { dir?: string; log?: (line: string) => void } = {}): Promise<Record<string, TableResult>> {
  const log = opts.log ?? (() => undefined);
  log('seed: validating seed files…');
  const { plan } = validateSeeds(opts.dir);
  return loadValidatedSeeds(databaseUrl, plan, log);
}

export async function loadValidatedSeeds(databaseUrl: string, plan: SeedPlan, log: (line: string) => void = () => undefined): Promise<Record<string, TableResult>> {
  log('seed: loading…');
  const results = await loadSeedPlan(databaseUrl, plan);
  for (const [table, r] of Object.entries(results)) {
    const extra = [r.versions ? `${r.versions} new versions` : '', r.kept ? `${r.kept} kept as editors wrote them` : ''].filter(Boolean);
    log(`seed: ${table.padEnd(42)} ${String(r.total).padStart(5)} rows (${r.written} written, ${r.removed} removed${extra.map((e) => `, ${e}`).join('')})`);
  }
  return results;
}
