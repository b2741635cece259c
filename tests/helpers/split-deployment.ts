import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { PROJECT_ROOT } from '../../core/paths';
import { freePort } from './ports';

export { freePort };

/**
 * The split deployment as `docker compose up` runs it, without Docker: the image is rebuilt the way the
 * Dockerfile builds it (only what it COPYs, then its RUN build), laid out the way its runtime stage is, and every
 * service is its own process, started with the compose `command` and the image ENV plus the compose
 * `environment`. What cannot be the same without containers is where services find each other: each compose
 * `host:port` becomes 127.0.0.1 and a free port (see `PortMap`).
 */

export interface ComposeService {
  command?: string[];
  environment?: Record<string, string | number | boolean>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: string[];
  image?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
}

export function readCompose(): ComposeFile {
  return YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
}

export interface DockerfileStage {
  name?: string;
  env: Record<string, string>;
  copies: Array<{ from?: string; sources: string[]; dest: string }>;
  runs: string[];
  cmd?: string[];
}

/** The few Dockerfile instructions this image uses, per stage; anything else makes the parse fail loudly. */
export function readDockerfile(): DockerfileStage[] {
  const text = fs.readFileSync(path.join(PROJECT_ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const stages: DockerfileStage[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [, instruction, rest] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    const stage = stages.at(-1);
    switch (instruction?.toUpperCase()) {
      case 'FROM':
        stages.push({ name: /\bAS\s+(\S+)/i.exec(rest)?.[1], env: {}, copies: [], runs: [] });
        break;
      case 'ENV':
        for (const [, key, value] of rest.matchAll(/(\w+)=("[^"]*"|\S+)/g)) stage!.env[key] = value.replace(/^"|"$/g, '');
        break;
      case 'COPY': {
        const from = /--from=(\S+)/.exec(rest)?.[1];
        const parts = rest.replace(/--\S+/g, '').trim().split(/\s+/);
        stage!.copies.push({ from, sources: parts.slice(0, -1), dest: parts.at(-1)! });
        break;
      }
      case 'RUN':
        stage!.runs.push(rest);
        break;
      case 'CMD':
        stage!.cmd = JSON.parse(rest);
        break;
      case 'WORKDIR':
        if (rest !== '/app') throw new Error(`Dockerfile: WORKDIR ${rest}; the emulation maps /app only`);
        break;
      case 'USER':
        break;
      default:
        throw new Error(`Dockerfile: the test does not know how to emulate "${line}"`);
    }
  }
  return stages;
}

/**
 * Compose's interpolation: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`, `$$`. A required
 * variable that is missing fails like `docker compose` does, with the file's own message.
 */
export function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(/\$\$|\$\{(\w+)(?:(:?)([-?])([^}]*))?\}/g, (match, name?: string, colon?: string, op?: string, arg?: string) => {
    if (match === '$$') return '$';
    const v = vars[name!];
    const unset = v === undefined || (colon === ':' && v === '');
    if (op === '-') return unset ? arg! : v!;
    if (op === '?') {
      if (unset) throw new Error(`required variable ${name} is missing a value: ${arg}`);
      return v!;
    }
    return v ?? '';
  });
}

/** Compose's start order: a service after everything it depends on. */
export function startOrder(services: Record<string, ComposeService>): string[] {
  const order: string[] = [];
  const visit = (name: string, trail: string[]) => {
    if (order.includes(name)) return;
    if (trail.includes(name)) throw new Error(`dependency cycle: ${[...trail, name].join(' → ')}`);
    for (const dep of dependenciesOf(services[name])) visit(dep.name, [...trail, name]);
    order.push(name);
  };
  for (const name of Object.keys(services)) visit(name, []);
  return order;
}

export function dependenciesOf(service: ComposeService): Array<{ name: string; condition: string }> {
  const deps = service.depends_on ?? [];
  return Array.isArray(deps)
    ? deps.map((name) => ({ name, condition: 'service_started' }))
    : Object.entries(deps).map(([name, d]) => ({ name, condition: d.condition ?? 'service_started' }));
}

/**
 * The one deviation from compose: in its network every service is `name:port`; here each is 127.0.0.1 and a
 * free port. `localPort('partners', 4001)` is where the partners service really listens.
 */
export class PortMap {
  private readonly ports = new Map<string, number>();

  /** Reserves a local port for every `service:port` that any value names. */
  async prepare(services: string[], env: Record<string, Record<string, string>>): Promise<void> {
    const pattern = new RegExp(`\\b(${services.join('|')}):(\\d+)\\b`, 'g');
    for (const values of Object.values(env)) {
      for (const value of Object.values(values)) {
        for (const [, name, port] of value.matchAll(pattern)) await this.reserve(name, Number(port));
      }
    }
  }

  async reserve(service: string, port: number): Promise<number> {
    const key = `${service}:${port}`;
    if (!this.ports.has(key)) this.ports.set(key, await freePort());
    return this.localPort(service, port);
  }

  localPort(service: string, port: number): number {
    const local = this.ports.get(`${service}:${port}`);
    if (local === undefined) throw new Error(`no local port for ${service}:${port}`);
    return local;
  }

  /** Rewrites every `service:port` in a value to where that service listens here. */
  rewrite(value: string, services: string[]): string {
    return value.replace(new RegExp(`\\b(${services.join('|')}):(\\d+)\\b`, 'g'), (_m, name: string, port: string) => `127.0.0.1:${this.localPort(name, Number(port))}`);
  }
}

/**
 * Builds the image's file system without Docker: the build stage gets exactly what the Dockerfile COPYs and runs
 * its `npm run build`; the runtime stage gets exactly what it COPYs from there and from the project. Dependencies
 * are the project's installed node_modules (a symlink) instead of a fresh `npm ci` and `npm prune --omit=dev`:
 * the one thing this cannot catch is a runtime import of a devDependency.
 */
export function buildImage(stages: DockerfileStage[]): { appDir: string; buildLog: string; cleanup(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ketenkaart-image-'));
  const dirs = new Map<string, string>();
  let buildLog = '';
  const cleanup = () => fs.rmSync(root, { recursive: true, force: true });
  try {
    stages.forEach((stage, i) => {
      const dir = path.join(root, stage.name ?? `stage-${i}`);
      fs.mkdirSync(dir);
      if (stage.name) dirs.set(stage.name, dir);
      for (const copy of stage.copies) {
        const from = copy.from ? dirs.get(copy.from) : PROJECT_ROOT;
        if (!from) throw new Error(`COPY --from=${copy.from}: no such stage`);
        for (const given of copy.sources) {
          // Paths in another stage are absolute in its WORKDIR (/app); here that stage's folder.
          const source = given.replace(/^\/app\//, '');
          const dest = copy.dest === './' || copy.dest === '.' ? path.join(dir, path.basename(source)) : path.join(dir, copy.dest);
          if (source === 'node_modules') fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), dest, 'dir');
          else fs.cpSync(path.join(from, source), dest, { recursive: true });
        }
      }
      for (const run of stage.runs) {
        for (const step of run.split('&&').map((s) => s.trim())) {
          if (step === 'npm ci') {
            fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
            continue;
          }
          if (step.startsWith('npm prune')) continue;
          const result = spawnSync('sh', ['-c', step], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: os.tmpdir() } });
          buildLog += `$ ${step}\n${result.stdout}${result.stderr}`;
          if (result.status !== 0) throw new Error(`Dockerfile step "RUN ${step}" failed (exit ${result.status}):\n${buildLog}`);
        }
      }
    });
  } catch (err) {
    cleanup();
    throw err;
  }
  return { appDir: path.join(root, stages.at(-1)!.name ?? `stage-${stages.length - 1}`), buildLog, cleanup };
}

export { ServiceProcess, waitUntilReady } from '../../hub/service-process';
