import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, SEEDS_DIR } from '../../core/paths';
import { createTestDatabase, queryRows } from '../helpers/database';

const CLI = path.join(PROJECT_ROOT, 'dist', 'hub', 'seed-cli.js');

interface Run {
  code: number | null;
  output: string;
}

/** The compiled CLI as `npm run seed -- …` runs it; `whileRunning` gets what it printed so far, as it comes. */
function runCli(args: string[], env: Record<string, string>, whileRunning?: (output: string) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      whileRunning?.(output);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

function copyOfSeeds(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketenkaart-seed-cli-'));
  fs.cpSync(SEEDS_DIR, path.join(dir, 'seeds'), { recursive: true });
  return path.join(dir, 'seeds');
}

const count = async (url: string, table: string) => (await queryRows<{ n: number }>(url, `SELECT count(*)::int AS n FROM ${table}`))[0].n;

describe('npm run seed (the command line)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const copies: string[] = [];
  beforeAll(async () => {
    // The test runs what `npm run seed` runs, the compiled code: a stale build would test yesterday's CLI.
    const built = fs.existsSync(CLI) ? fs.statSync(CLI).mtimeMs : 0;
    const sources = [path.join(PROJECT_ROOT, 'hub', 'seed-cli.ts'), ...fs.readdirSync(path.join(PROJECT_ROOT, 'hub', 'seed')).map((f) => path.join(PROJECT_ROOT, 'hub', 'seed', f))];
    const newer = sources.filter((f) => fs.statSync(f).mtimeMs > built);
    if (newer.length) throw new Error(`dist/ is older than ${newer.map((f) => path.relative(PROJECT_ROOT, f)).join(', ')}: run \`npm run build\` first`);
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const dir of copies) fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    await db?.drop();
  });

  it('--check validates the seed files and writes nothing', async () => {
    const run = await runCli(['--check'], { DATABASE_URL: db.url });
    expect(run.output).toMatch(/seed: the seed files are valid/);
    expect(run.code).toBe(0);
    expect(await count(db.url, 'territory.municipality')).toBe(0);
    expect(await count(db.url, 'partners.organisation')).toBe(0);
  });

  it('--dir loads another folder', async () => {
    const dir = copyOfSeeds();
    copies.push(dir);
    const file = path.join(dir, 'partners', 'posts.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('title: Casusregisseur van het Veilig Huis\n', 'title: Casusregisseur uit een andere map\n'));
    const run = await runCli(['--dir', dir], { DATABASE_URL: db.url });
    expect(run.output).toContain('seed: loading…');
    expect(run.code).toBe(0);
    const [post] = await queryRows<{ title: string }>(db.url, `SELECT title FROM partners.post WHERE id = 'veilig-huis-casusregisseur'`);
    expect(post.title).toBe('Casusregisseur uit een andere map');
  });

  // Found when one YAML typo in organisations.yaml was followed by 68 "unknown organisation" errors.
  it('reports a file that does not parse alone, without the missing references that follow from it', async () => {
    const dir = copyOfSeeds();
    copies.push(dir);
    const file = path.join(dir, 'partners', 'organisations.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('    kind: VEILIG_HUIS\n', '    kind: VEILIG_HUIS\n   level: [unclosed\n'));
    const before = await count(db.url, 'partners.post');
    const run = await runCli(['--dir', dir], { DATABASE_URL: db.url });
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/seeds\/partners\/organisations\.yaml: is not valid YAML/);
    expect(run.output).toMatch(/1 problem\b/);
    expect(run.output).not.toMatch(/unknown|missing|not found/i);
    expect(run.output).not.toMatch(/^\s{4}at /m);
    expect(await count(db.url, 'partners.post')).toBe(before);
  });

  it('says in one line that the database went away mid-load, and exits non-zero without a stack trace', async () => {
    // Holding the seed's own lock parks the load at its start, inside its transaction, where it can be cut off.
    const holder = new pg.Client({ connectionString: db.url });
    holder.on('error', () => undefined);
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query("SELECT pg_advisory_xact_lock(hashtext('ketenkaart-seed'))");
    let terminated = false;
    const run = await runCli([], { DATABASE_URL: db.url }, (output) => {
      if (terminated || !output.includes('seed: loading…')) return;
      terminated = true;
      const cut = async () => {
        for (let i = 0; i < 100; i++) {
          // Not on the holder's connection: inside its transaction pg_stat_activity stays the snapshot of its start.
          const rows = await queryRows<{ done: boolean }>(
            db.url,
            `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = 'ketenkaart-seed' AND wait_event_type = 'Lock'`,
          );
          if (rows.some((r) => r.done)) return;
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      void cut();
    });
    await holder.query('ROLLBACK');
    await holder.end();
    expect(terminated).toBe(true);
    expect(run.code).not.toBe(0);
    expect(run.output).not.toMatch(/^\s{4}at /m);
    expect(run.output).not.toMatch(/Unhandled|node:events/);
    const lines = run.output.trim().split('\n').filter((l) => !l.startsWith('seed: ') && l.trim());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/lost the connection to the database/i);
    expect(await count(db.url, 'partners.post')).toBeGreaterThan(0);
  });

  it('answers --help, and refuses an unknown option with a message and exit code 2', async () => {
    // Should either reach a database after all, this one is refused at once.
    const nowhere = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' };
    const help = await runCli(['--help'], nowhere);
    expect(help.code).toBe(0);
    expect(help.output).toMatch(/--dir/);
    expect(help.output).toMatch(/--check/);
    const wrong = await runCli(['--chekc'], nowhere);
    expect(wrong.code).toBe(2);
    expect(wrong.output).toMatch(/--chekc/);
    expect(wrong.output).toMatch(/--help/);
    expect(wrong.output).not.toMatch(/^\s{4}at /m);
  });
});
