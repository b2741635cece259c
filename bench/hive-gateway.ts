import { randomUUID } from 'node:crypto';
import { signedHeaders } from '../core/auth/signing';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SubgraphName } from '../core/config';

export interface RunningHiveGateway {
  url: string;
  version: string;
  stop(): Promise<void>;
}

/**
 * The peer gateway: `@graphql-hive/gateway`'s runtime serving the same supergraph SDL as ours, with each subgraph's
 * URL pointed where the hub's subgraph really listens (the supergraph names the default ports). Defaults otherwise,
 * except that it logs only errors and serves no GraphiQL or landing page.
 */
const load = () => import('@graphql-hive/gateway');
let loading: ReturnType<typeof load> | undefined;

/**
 * The Rust query planner for Hive, if it is installed and loads on this machine (a native module): its
 * `unifiedGraphHandler`, or why not.
 */
export async function loadRustPlanner(): Promise<{ handler?: unknown; version?: string; problem?: string }> {
  try {
    const name = '@graphql-hive/router-runtime';
    const mod = (await import(name)) as { unifiedGraphHandler?: unknown };
    if (!mod.unifiedGraphHandler) return { problem: `${name} has no unifiedGraphHandler export` };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const version = (require(`${name}/package.json`) as { version: string }).version;
    return { handler: mod.unifiedGraphHandler, version };
  } catch (err) {
    return { problem: err instanceof Error ? err.message.split('\n')[0] : String(err) };
  }
}

/** Starts loading the (large) module early, so that it loads while PostgreSQL and the hub start. */
export function preloadHiveGateway(): ReturnType<typeof load> {
  loading ??= load();
  loading.catch(() => undefined);
  return loading;
}

export async function startHiveGateway(opts: {
  supergraphSdl: string;
  subgraphUrls: Record<SubgraphName, string>;
  host: string;
  /** Hive's HTTP transport shares identical in-flight subgraph requests by default; `false` turns that off. */
  deduplicateInflightRequests?: boolean;
  /** Our subgraphs answer only signed requests: Hive signs its subgraph fetches like our gateway (anonymously). */
  signing?: { secret: string; identity: string };
  /**
   * Hive's own response cache, as its documentation advises for data that is the same for everyone: one cache
   * for all callers (`session: () => null`), kept in memory.
   */
  responseCache?: boolean;
  /** Hive's Rust query planner (`@graphql-hive/router-runtime`) instead of its JavaScript one. */
  unifiedGraphHandler?: unknown;
}): Promise<RunningHiveGateway> {
  const { createGatewayRuntime } = await preloadHiveGateway();
  // The response cache needs a cache store: the in-memory LRU that Hive's own packages bring (not a dependency of
  // ours; loaded only for this peer).
  const cacheModule = '@graphql-mesh/cache-inmemory-lru';
  const cache = opts.responseCache ? new ((await import(cacheModule)) as { default: new (o: { max: number }) => unknown }).default({ max: 100_000 }) : undefined;
  const options = opts.deduplicateInflightRequests === false ? { deduplicateInflightRequests: false } : undefined;
  const transportEntries = Object.fromEntries(
    Object.entries(opts.subgraphUrls).map(([name, location]) => [name, options ? { location, options } : { location }]),
  );
  const runtime = createGatewayRuntime({
    supergraph: opts.supergraphSdl,
    transportEntries,
    logging: 'error',
    graphiql: false,
    landingPage: false,
    ...(opts.responseCache ? { cache, responseCaching: { session: () => null } } : {}),
    ...(opts.unifiedGraphHandler ? { unifiedGraphHandler: opts.unifiedGraphHandler } : {}),
    plugins: () =>
      opts.signing
        ? [
            {
              onFetch({ options, setOptions }: { options: { body?: unknown; headers?: Record<string, string> }; setOptions: (o: unknown) => void }) {
                const body = String(options.body ?? '');
                // Hive sends an `x-request-id` of its own, which our subgraphs take as signed: sign the one it sends.
                const requestId = options.headers?.['x-request-id'] ?? randomUUID();
                setOptions({ ...options, headers: { ...options.headers, ...signedHeaders(opts.signing!.secret, opts.signing!.identity, body, { requestId }) } });
              },
            },
          ]
        : [],
  } as never);
  const server = http.createServer(runtime);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const version = (require('@graphql-hive/gateway/package.json') as { version: string }).version;
  return {
    url: `http://${opts.host}:${port}/graphql`,
    version,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await runtime.dispose();
    },
  };
}
