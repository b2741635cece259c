import { PROJECT_ROOT } from '../core/paths';
import type { SubgraphName } from '../core/config';
import { freePort } from './free-port';
import { ServiceProcess, waitUntilReady } from './service-process';

/**
 * The split deployment on one machine for tools and tests that need each part as its own process (the fault
 * tests, the soak): every subgraph and the gateway started with the same entry points the image runs
 * (`node dist/subgraphs/<name>/main.js`, `node dist/gateway/main.js`), on free loopback ports, over a database
 * that is already migrated and seeded. Needs `npm run build` first.
 */
export const SUBGRAPH_NAMES: readonly SubgraphName[] = ['partners', 'legal', 'territory', 'instruments'];
export type ServicePartName = SubgraphName | 'gateway';

export interface SplitServices {
  readonly ports: Record<ServicePartName, number>;
  readonly processes: Record<ServicePartName, ServiceProcess>;
  /** The gateway's GraphQL endpoint. */
  readonly url: string;
  /** (Re)starts one part and waits until it is ready. */
  start(part: ServicePartName): Promise<ServiceProcess>;
  /** Every process any start made, also the ones that ended. */
  all(): ServiceProcess[];
  stop(): Promise<void>;
}

export async function startSplitServices(opts: { databaseUrl: string; dataDir: string; env?: Record<string, string> }): Promise<SplitServices> {
  const parts: ServicePartName[] = [...SUBGRAPH_NAMES, 'gateway'];
  const ports = {} as Record<ServicePartName, number>;
  for (const part of parts) ports[part] = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    DATABASE_URL: opts.databaseUrl,
    KETENKAART_DATA_DIR: opts.dataDir,
    SUBGRAPH_SIGNING_SECRET: 'split-services-secret-0123456789abcdef',
    GATEWAY_PORT: String(ports.gateway),
    ...Object.fromEntries(SUBGRAPH_NAMES.flatMap((s) => [[`${s.toUpperCase()}_PORT`, String(ports[s])], [`${s.toUpperCase()}_URL`, `http://127.0.0.1:${ports[s]}/graphql`]])),
    ...opts.env,
  };
  const processes = {} as Record<ServicePartName, ServiceProcess>;
  const started: ServiceProcess[] = [];
  const start = async (part: ServicePartName) => {
    const main = part === 'gateway' ? 'dist/gateway/main.js' : `dist/subgraphs/${part}/main.js`;
    const p = new ServiceProcess(part, ['node', main], env, PROJECT_ROOT);
    started.push(p);
    processes[part] = p;
    await waitUntilReady(p, `http://127.0.0.1:${ports[part]}/${part === 'gateway' ? 'health' : 'ready'}`);
    return p;
  };
  const stop = async () => {
    await Promise.all(
      started.map(async (p) => {
        if (!p.running) return;
        p.child.kill('SIGCONT');
        await p.terminate();
      }),
    );
  };
  try {
    await Promise.all(SUBGRAPH_NAMES.map(start));
    await start('gateway');
  } catch (err) {
    for (const p of started) p.kill();
    throw err;
  }
  return { ports, processes, url: `http://127.0.0.1:${ports.gateway}/graphql`, start, all: () => started, stop };
}
