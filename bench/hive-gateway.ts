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
}): Promise<RunningHiveGateway> {
  const { createGatewayRuntime } = await preloadHiveGateway();
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
    plugins: () =>
      opts.signing
        ? [
            {
              onFetch({ options, setOptions }: { options: { body?: unknown; headers?: Record<string, string> }; setOptions: (o: unknown) => void }) {
                const body = String(options.body ?? '');
                setOptions({ ...options, headers: { ...options.headers, ...signedHeaders(opts.signing!.secret, opts.signing!.identity, body) } });
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
