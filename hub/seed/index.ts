import { SEEDS_DIR } from '../../core/paths';
import { type TableResult, loadSeedPlan } from './load';
import { buildSeedPlan } from './plan';
import { readSeedFiles } from './read-files';
import type { SeedProblem } from './read-files';

export class SeedValidationError extends Error {
  readonly userFacing = true;
  constructor(readonly problems: SeedProblem[]) {
    super(
      `the seed files have ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was loaded:\n` +
        problems.map((p) => `  - ${p.file}${p.record ? ` [${p.record}]` : ''}: ${p.problem}`).join('\n'),
    );
  }
}

/** Validates every seed file, then loads all of them in one transaction. Throws before writing on any problem. */
export async function seed(databaseUrl: string, opts: { dir?: string; log?: (line: string) => void } = {}): Promise<Record<string, TableResult>> {
  const log = opts.log ?? (() => undefined);
  log('seed: validating seed files…');
  const { plan, problems } = buildSeedPlan(readSeedFiles(opts.dir ?? SEEDS_DIR));
  if (problems.length) throw new SeedValidationError(problems);
  log('seed: loading…');
  const results = await loadSeedPlan(databaseUrl, plan);
  for (const [table, r] of Object.entries(results)) {
    const extra = [r.versions ? `${r.versions} new versions` : '', r.kept ? `${r.kept} kept as editors wrote them` : ''].filter(Boolean);
    log(`seed: ${table.padEnd(42)} ${String(r.total).padStart(5)} rows (${r.written} written, ${r.removed} removed${extra.map((e) => `, ${e}`).join('')})`);
  }
  return results;
}
