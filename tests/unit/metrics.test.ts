import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import express from 'express';
import type { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import {
  countCacheLookups,
  gatewayMetricsPlugin,
  gatewayRegistry,
  measureSubgraphFetches,
  observeSubgraphFetch,
  recordCacheLookup,
} from '../../gateway/metrics';
import { createMetricsRegistry, graphqlMetricsPlugin, metricsRouter, observeDatabasePool, operationLabel } from '../../core/metrics';
import { PROJECT_ROOT } from '../../core/paths';

/** Every TypeScript file of the subgraphs, relative to the project: they hold the subgraphs' calls to each other. */
function subgraphSources(): string[] {
  return fs
    .readdirSync(path.join(PROJECT_ROOT, 'subgraphs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join('subgraphs', f));
}

/** The value of the sample `name` whose labels include `labels` (in any order), from Prometheus text. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = Object.fromEntries([...m[2].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(m[3]);
  }
  return undefined;
}

const typeDefs = 'type Query { hello: String! broken: String }';
const resolvers = {
  Query: {
    hello: () => 'world',
    broken: () => {
      throw new Error('boom');
    },
  },
};

describe('service metrics', () => {
  it('counts and times GraphQL requests per operation name, labelled with the service', async () => {
    const registry = createMetricsRegistry('territory');
    const apollo = new ApolloServer({ typeDefs, resolvers, plugins: [graphqlMetricsPlugin(registry)] });
    await apollo.start();
    try {
      // WieIsWie is the who-is-who page's operation: known, so labelled by its name.
      await apollo.executeOperation({ query: 'query WieIsWie { hello }' });
      await apollo.executeOperation({ query: 'query WieIsWie { hello }' });
      await apollo.executeOperation({ query: '{ broken }' });
      await apollo.executeOperation({ query: '{ nope' });
    } finally {
      await apollo.stop();
    }
    const text = await registry.metrics();
    expect(text).toContain('# TYPE graphql_requests_total counter');
    expect(sample(text, 'graphql_requests_total', { operation: 'WieIsWie', outcome: 'success', service: 'territory' })).toBe(2);
    expect(sample(text, 'graphql_requests_total', { operation: 'anonymous', outcome: 'error', service: 'territory' })).toBe(1);
    expect(sample(text, 'graphql_requests_total', { operation: 'unknown', outcome: 'error', service: 'territory' })).toBe(1);
    expect(text).toContain('# TYPE graphql_request_duration_seconds histogram');
    expect(sample(text, 'graphql_request_duration_seconds_count', { operation: 'WieIsWie', service: 'territory' })).toBe(2);
    expect(sample(text, 'graphql_request_duration_seconds_bucket', { le: '+Inf', operation: 'WieIsWie', service: 'territory' })).toBe(2);
  });

  // Found: every new operation name made about 17 new series; one anonymous 5 000-character name doubled /metrics.
  it('labels only the hub\'s own operation names: any other name is `other` and adds no series', async () => {
    const registry = createMetricsRegistry('partners');
    const apollo = new ApolloServer({ typeDefs, resolvers, plugins: [graphqlMetricsPlugin(registry)] });
    await apollo.start();
    try {
      await apollo.executeOperation({ query: 'query First { hello }' });
      const series = async () => (await registry.metrics()).split('\n').filter((line) => line && !line.startsWith('#')).length;
      const before = await series();
      for (const name of ['Second', `X${'y'.repeat(5000)}`, 'Third']) await apollo.executeOperation({ query: `query ${name} { hello }` });
      expect(await series()).toBe(before);
      // The gateway's name for its part of a plan counts under the client's operation.
      await apollo.executeOperation({ query: 'query WelkProtocol__partners__0 { hello }' });
      const text = await registry.metrics();
      expect(sample(text, 'graphql_requests_total', { operation: 'other', outcome: 'success', service: 'partners' })).toBe(4);
      expect(sample(text, 'graphql_requests_total', { operation: 'WelkProtocol', outcome: 'success', service: 'partners' })).toBe(1);
      expect(text).not.toContain('yyyy');
    } finally {
      await apollo.stop();
    }
  });

  it('knows every operation name the hub\'s own clients send (page, GraphiQL tabs, subgraph calls, benchmark)', () => {
    const sources = ['gateway/web/static/app.js', 'gateway/beheer/static/beheer.js', 'gateway/graphiql-examples.ts', 'bench/scenarios.ts', ...subgraphSources()];
    const sent = new Set(sources.flatMap((file) => [...fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8').matchAll(/\b(?:query|mutation) ([A-Z]\w*)/g)].map((m) => m[1]!)));
    expect(sent.size).toBeGreaterThan(8);
    for (const name of sent) expect({ name, label: operationLabel(name) }).toEqual({ name, label: name });
  });

  it('serves /metrics in production only to a scraper with METRICS_TOKEN', async () => {
    const registry = createMetricsRegistry('legal');
    const token = 'metrics-token-0123456789abcdef0123456789';
    const get = async (access: Parameters<typeof metricsRouter>[1], headers: Record<string, string> = {}) => {
      const app = express();
      app.use(metricsRouter(registry, access));
      const server = http.createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        return (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, { headers })).status;
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    };
    expect(await get({ production: true })).toBe(404);
    expect(await get({ production: true, token })).toBe(401);
    expect(await get({ production: true, token }, { authorization: 'Bearer wrong' })).toBe(401);
    expect(await get({ production: true, token }, { authorization: `Bearer ${token}` })).toBe(200);
    expect(await get({ production: false })).toBe(200);
  });

  it('keeps services apart: two registries with the same metrics in one process do not clash', async () => {
    const partners = createMetricsRegistry('partners');
    const legal = createMetricsRegistry('legal');
    graphqlMetricsPlugin(partners);
    graphqlMetricsPlugin(legal);
    graphqlMetricsPlugin(legal); // a second plugin on one registry reuses its metrics
    expect(await partners.metrics()).not.toContain('service="legal"');
  });

  it('reports database pool use read from the TypeORM driver when scraped', async () => {
    const registry = createMetricsRegistry('partners');
    const pool = { totalCount: 4, idleCount: 1, waitingCount: 2, options: { max: 10 } };
    const ds = { options: { schema: 'partners' }, driver: { master: pool } } as unknown as DataSource;
    observeDatabasePool(registry, ds);
    let text = await registry.metrics();
    expect(sample(text, 'db_pool_connections', { pool: 'partners', state: 'total', service: 'partners' })).toBe(4);
    expect(sample(text, 'db_pool_connections', { pool: 'partners', state: 'idle', service: 'partners' })).toBe(1);
    expect(sample(text, 'db_pool_connections', { pool: 'partners', state: 'in_use', service: 'partners' })).toBe(3);
    expect(sample(text, 'db_pool_waiting_requests', { pool: 'partners', service: 'partners' })).toBe(2);
    expect(sample(text, 'db_pool_max_connections', { pool: 'partners', service: 'partners' })).toBe(10);
    pool.idleCount = 4;
    pool.waitingCount = 0;
    text = await registry.metrics();
    expect(sample(text, 'db_pool_connections', { pool: 'partners', state: 'in_use', service: 'partners' })).toBe(0);
    expect(sample(text, 'db_pool_waiting_requests', { pool: 'partners', service: 'partners' })).toBe(0);
  });

  it('serves the registry on GET /metrics in the Prometheus text format', async () => {
    const registry = createMetricsRegistry('legal');
    graphqlMetricsPlugin(registry);
    const app = express();
    app.use(metricsRouter(registry));
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toContain('# HELP graphql_requests_total');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('gateway metrics', () => {
  it('records subgraph fetch latency per subgraph and cache lookups per cache', async () => {
    observeSubgraphFetch('partners', 0.012);
    observeSubgraphFetch('territory', 0.3, 'error');
    recordCacheLookup('queryPlan', true);
    recordCacheLookup('queryPlan', true);
    recordCacheLookup('queryPlan', false);
    const text = await gatewayRegistry.metrics();
    expect(text).toContain('# TYPE gateway_subgraph_fetch_duration_seconds histogram');
    expect(sample(text, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'partners', outcome: 'ok', service: 'gateway' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'gateway_subgraph_fetch_duration_seconds_bucket', { le: '0.5', subgraph: 'territory', outcome: 'error', service: 'gateway' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'gateway_cache_lookups_total', { cache: 'queryPlan', result: 'hit', service: 'gateway' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'gateway_cache_lookups_total', { cache: 'queryPlan', result: 'miss', service: 'gateway' })).toBeGreaterThanOrEqual(1);
    // The gateway registry describes the process too; the subgraphs' registries do not.
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(await createMetricsRegistry('partners').metrics()).not.toContain('process_cpu_user_seconds_total');
  });

  it('times every fetch of a RemoteGraphQLDataSource, failed ones as errors', async () => {
    const source = measureSubgraphFetches('instruments', new RemoteGraphQLDataSource({ url: 'http://127.0.0.1:9/graphql' }));
    let answer: { errors?: unknown[] } = {};
    const fake = measureSubgraphFetches('fake', { process: async (_options: never) => answer });
    await fake.process(undefined as never);
    answer = { errors: [{ message: 'x' }] };
    await fake.process(undefined as never);
    const text = await gatewayRegistry.metrics();
    expect(sample(text, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'fake', outcome: 'ok', service: 'gateway' })).toBe(1);
    expect(sample(text, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'fake', outcome: 'error', service: 'gateway' })).toBe(1);
    expect(typeof source.process).toBe('function');
    expect(Object.prototype.hasOwnProperty.call(source, 'process')).toBe(true);
  });

  it('counts hits and misses of a wrapped key-value cache', async () => {
    const store = new Map<string, string>([['a', 'plan']]);
    const cache = countCacheLookups('plans', { get: async (key: string) => store.get(key) });
    expect(await cache.get('a')).toBe('plan');
    expect(await cache.get('b')).toBeUndefined();
    const text = await gatewayRegistry.metrics();
    expect(sample(text, 'gateway_cache_lookups_total', { cache: 'plans', result: 'hit', service: 'gateway' })).toBe(1);
    expect(sample(text, 'gateway_cache_lookups_total', { cache: 'plans', result: 'miss', service: 'gateway' })).toBe(1);
  });

  it('gives the gateway the same per-operation request metrics', async () => {
    const apollo = new ApolloServer({ typeDefs, resolvers, plugins: [gatewayMetricsPlugin()] });
    await apollo.start();
    try {
      await apollo.executeOperation({ query: 'query WhoIsWho { hello }' });
    } finally {
      await apollo.stop();
    }
    expect(sample(await gatewayRegistry.metrics(), 'graphql_requests_total', { operation: 'WhoIsWho', outcome: 'success', service: 'gateway' })).toBe(1);
  });
});
