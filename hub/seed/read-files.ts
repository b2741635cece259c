import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { SEEDS_DIR } from '../../core/paths';
import { KINDS, type SeedKind, type Unassigned, unassigned as unassignedSchema } from './schemas';

export interface SeedProblem {
  file: string;
  record?: string;
  problem: string;
  /** The whole file was skipped (it does not parse, or is not a seed file): none of its records are known. */
  unreadable?: boolean;
}

export interface SeedFileRecord<K extends SeedKind = SeedKind> {
  file: string;
  kind: K;
  record: import('./schemas').SeedRecord<K>;
}

export interface ParsedSeeds {
  records: SeedFileRecord[];
  unassigned: Array<Unassigned & { file: string }>;
  problems: SeedProblem[];
}

function listYamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listYamlFiles(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    })
    .sort();
}

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** Reads and shape-checks every seed file; collects every problem instead of stopping at the first. */
export function readSeedFiles(dir = SEEDS_DIR): ParsedSeeds {
  const result: ParsedSeeds = { records: [], unassigned: [], problems: [] };
  for (const full of listYamlFiles(dir)) {
    const file = path.relative(path.dirname(dir), full);
    let doc: unknown;
    try {
      doc = YAML.parse(fs.readFileSync(full, 'utf8'));
    } catch (err) {
      result.problems.push({ file, problem: `is not valid YAML: ${(err as Error).message.split('\n')[0].replace(/:$/, '')}`, unreadable: true });
      continue;
    }
    const { kind, records, unassigned } = (doc ?? {}) as { kind?: string; records?: unknown; unassigned?: unknown };
    if (!kind || !(kind in KINDS)) {
      result.problems.push({ file, problem: `has kind ${JSON.stringify(kind)}; expected one of ${Object.keys(KINDS).join(', ')}`, unreadable: true });
      continue;
    }
    if (!Array.isArray(records)) {
      result.problems.push({ file, problem: '`records:` must be a list', unreadable: true });
      continue;
    }
    const schema = KINDS[kind as SeedKind];
    records.forEach((raw, index) => {
      const id = (raw as { id?: string })?.id ?? `#${index + 1}`;
      const parsed = schema.safeParse(raw);
      if (parsed.success) result.records.push({ file, kind: kind as SeedKind, record: parsed.data } as SeedFileRecord);
      else for (const issue of parsed.error.issues) result.problems.push({ file, record: String(id), problem: describeIssue(issue) });
    });
    if (unassigned !== undefined) {
      if (!Array.isArray(unassigned)) result.problems.push({ file, problem: '`unassigned:` must be a list' });
      else
        unassigned.forEach((raw, index) => {
          const parsed = unassignedSchema.safeParse(raw);
          if (parsed.success) result.unassigned.push({ ...parsed.data, file });
          else for (const issue of parsed.error.issues) result.problems.push({ file, record: `unassigned #${index + 1}`, problem: describeIssue(issue) });
        });
    }
  }
  return result;
}

export function recordsOf<K extends SeedKind>(seeds: ParsedSeeds, kind: K): Array<SeedFileRecord<K>> {
  return seeds.records.filter((r): r is SeedFileRecord<K> => r.kind === kind);
}
