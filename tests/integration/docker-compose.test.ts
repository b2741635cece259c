import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES, loadConfig } from '../../core/config';
import { PROJECT_ROOT } from '../../core/paths';
import { FORCED_EXIT_MS } from '../../core/process';

/** `docker compose` (v2 plugin) or the standalone `docker-compose`, whichever this machine has. */
function composeCommand(): string[] | null {
  if (spawnSync('docker', ['compose', 'version']).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version']).status === 0) return ['docker-compose'];
  return null;
}
const compose = composeCommand();

const file = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { command?: string[]; environment?: Record<string, string>; restart?: string; stop_grace_period?: string }>;
};

/** What an operator must set (the file refuses to start without them). */
const REQUIRED = { SUBGRAPH_SIGNING_SECRET: 'x'.repeat(40), JWT_JWKS_URL: 'https://id.example/.well-known/jwks.json' };
const substitute = (value: unknown) =>
  String(value).replace(/\$\{(\w+):([-?])([^}]*)\}/g, (_m, name: string, op: string, fallback: string) => (op === '-' ? fallback : REQUIRED[name as keyof typeof REQUIRED]));

describe('docker-compose.yml', () => {
  // `config` only parses and interpolates: it needs the compose client, not a Docker engine.
  const configTitle = compose ? `is valid for \`${compose.join(' ')} config\`` : 'is valid for `docker compose config` (skipped: neither `docker compose` nor `docker-compose` is installed here)';
  it.skipIf(!compose)(configTitle, () => {
    const [cmd, ...args] = compose!;
    const out = execFileSync(cmd, [...args, 'config', '--services'], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, ...REQUIRED } });
    expect(out.split('\n').filter(Boolean).sort()).toEqual(['gateway', 'instruments', 'legal', 'migrate', 'partners', 'postgres', 'territory']);
  });

  it('runs each subgraph and the gateway from an entry point that exists in the code', () => {
    for (const name of SUBGRAPH_NAMES) {
      expect(file.services[name].command).toEqual(['node', `dist/subgraphs/${name}/main.js`]);
      expect(fs.existsSync(path.join(PROJECT_ROOT, 'subgraphs', name, 'main.ts'))).toBe(true);
    }
    expect(file.services.gateway.command).toEqual(['node', 'dist/gateway/main.js']);
    expect(fs.existsSync(path.join(PROJECT_ROOT, 'gateway', 'main.ts'))).toBe(true);
    expect(file.services.migrate.command).toEqual(['node', 'dist/hub/seed-cli.js']);
  });

  it('configures every service with values the configuration accepts', () => {
    for (const [name, service] of Object.entries(file.services)) {
      if (name === 'postgres') continue;
      const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, substitute(v)]));
      expect(() => loadConfig(env), name).not.toThrow();
    }
    const envOf = (service: string) => Object.fromEntries(Object.entries(file.services[service].environment ?? {}).map(([k, v]) => [k, substitute(v)]));
    const gateway = loadConfig(envOf('gateway'));
    expect(gateway.signingSecret).toBeDefined();
    for (const name of SUBGRAPH_NAMES) {
      const subgraph = loadConfig(envOf(name));
      expect(subgraph.signingSecret, `${name} and the gateway share the signing secret`).toBe(gateway.signingSecret);
      const port = subgraph.subgraphs[name].port;
      expect(gateway.subgraphs[name].url).toBe(`http://${name}:${port}/graphql`);
      // Subgraphs call each other (reference checks on writes, the merged change feed): they must know where.
      for (const peer of SUBGRAPH_NAMES) expect(subgraph.subgraphs[peer].url, `${name} reaches ${peer}`).toBe(gateway.subgraphs[peer].url);
    }
  });

  it('gives the owner role to the migrate job only: every service connects as a role of its own, to the same database', () => {
    const envOf = (service: string) => Object.fromEntries(Object.entries(file.services[service].environment ?? {}).map(([k, v]) => [k, substitute(v)]));
    const postgres = envOf('postgres');
    const migrate = loadConfig(envOf('migrate'));
    const owner = new URL(migrate.databaseOwnerUrl!);
    expect(decodeURIComponent(owner.username), 'the owner is the postgres image\'s POSTGRES_USER').toBe(postgres.POSTGRES_USER);
    expect(decodeURIComponent(owner.password)).toBe(postgres.POSTGRES_PASSWORD);
    const runtime = new URL(migrate.databaseUrl!);
    expect(decodeURIComponent(runtime.username)).not.toBe(postgres.POSTGRES_USER);
    for (const url of [owner, runtime]) expect(`${url.host}${url.pathname}`).toBe(`postgres:5432/${postgres.POSTGRES_DB}`);
    for (const name of [...SUBGRAPH_NAMES, 'gateway']) {
      const config = loadConfig(envOf(name));
      expect(config.databaseOwnerUrl, `${name} has no owner URL`).toBeUndefined();
      // The migrate job grants to the role in its own DATABASE_URL: the services' must be the same.
      if (name !== 'gateway') expect(config.databaseUrl, `${name} connects as the role the migrate job grants to`).toBe(migrate.databaseUrl);
    }
  });

  it('lets each long-running service drain before compose sends SIGKILL', () => {
    // A service exits at the latest FORCED_EXIT_MS after SIGTERM; compose's default grace period is 10 s.
    const seconds = (d: string | undefined) => (d ? Number(/^(\d+)s$/.exec(d)?.[1] ?? NaN) : 10);
    for (const [name, service] of Object.entries(file.services)) {
      if (name === 'postgres' || !service.restart) continue;
      expect({ name, outlastsTheDrain: seconds(service.stop_grace_period) * 1000 > FORCED_EXIT_MS }).toEqual({ name, outlastsTheDrain: true });
    }
  });
});
