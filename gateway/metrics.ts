import { Counter, Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS, type MetricsAccess, createMetricsRegistry, graphqlMetricsPlugin, metricsRouter } from '../core/metrics';

/**
 * The gateway's metrics, in a registry of its own (`service="gateway"`), apart from the subgraphs' registries that
 * live in the same process in the hub. Besides the request rate and latency per operation (the shared plugin):
 * - `gateway_subgraph_fetch_duration_seconds{subgraph, outcome}`: each fetch from a subgraph, as the gateway sees
 *   it (signing, HTTP, parsing the answer);
 * - `gateway_cache_lookups_total{cache, result="hit"|"miss"}`: the hit rate of each gateway cache is
 *   `rate(...{result="hit"}[5m]) / rate(...[5m])` per `cache`.
 */
export const gatewayRegistry: Registry = createMetricsRegistry('gateway', { processMetrics: true });

const subgraphFetch = new Histogram({
  name: 'gateway_subgraph_fetch_duration_seconds',
  help: 'Time of one fetch from a subgraph as the gateway sees it, by subgraph and outcome',
  labelNames: ['subgraph', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [gatewayRegistry],
});

const cacheLookups = new Counter({
  name: 'gateway_cache_lookups_total',
  help: 'Lookups in a gateway cache (query plans, responses, persisted queries), by cache and result',
  labelNames: ['cache', 'result'] as const,
  registers: [gatewayRegistry],
});

export type FetchOutcome = 'ok' | 'error';

/** Records one subgraph fetch of `seconds`; `outcome` is `error` when it failed or answered with errors. */
export function observeSubgraphFetch(name: string, seconds: number, outcome: FetchOutcome = 'ok'): void {
  subgraphFetch.observe({ subgraph: name, outcome }, seconds);
}

/** Records a lookup in the cache named `cache` (a fixed name such as `queryPlan`, `response`, `apq`). */
export function recordCacheLookup(cache: string, hit: boolean): void {
  cacheLookups.inc({ cache, result: hit ? 'hit' : 'miss' });
}

/** What a RemoteGraphQLDataSource offers: its `process` is what the gateway calls for every subgraph fetch. */
interface ProcessesRequests {
  process(options: never): Promise<{ errors?: ReadonlyArray<unknown> | null }>;
}

/**
 * Times every fetch of a data source into `gateway_subgraph_fetch_duration_seconds{subgraph=name}`; returns the same
 * data source. In `buildService`: `({ name }) => measureSubgraphFetches(name, new RemoteGraphQLDataSource({ … }))`.
 */
export function measureSubgraphFetches<T extends ProcessesRequests>(name: string, source: T): T {
  const process = source.process.bind(source) as (options: unknown) => Promise<{ errors?: ReadonlyArray<unknown> | null }>;
  (source as unknown as { process: (options: unknown) => Promise<unknown> }).process = async (options: unknown) => {
    const started = performance.now();
    let outcome: FetchOutcome = 'error';
    try {
      const response = await process(options);
      if (!response.errors?.length) outcome = 'ok';
      return response;
    } finally {
      observeSubgraphFetch(name, (performance.now() - started) / 1000, outcome);
    }
  };
  return source;
}

/** The gateway's `/metrics` router and request plugin, bound to its registry. */
export const gatewayMetricsRouter = (access: MetricsAccess) => metricsRouter(gatewayRegistry, access);
export const gatewayMetricsPlugin = <TContext extends object>() => graphqlMetricsPlugin<TContext>(gatewayRegistry);

/**
 * Wraps a key-value cache (anything with `get`) so that each `get` is recorded by `recordCacheLookup(name, hit)`;
 * returns the same object. For the query-plan cache: `queryPlannerConfig: { cache: countCacheLookups('queryPlan',
 * new InMemoryLRUCache({ maxSize: 30 * 2 ** 20, sizeCalculation })) }` in the ApolloGateway options.
 */
export function countCacheLookups<C extends { get(key: string): Promise<unknown> }>(name: string, cache: C): C {
  const get = cache.get.bind(cache);
  cache.get = (async (key: string) => {
    const value = await get(key);
    recordCacheLookup(name, value !== undefined);
    return value;
  }) as C['get'];
  return cache;
}
