import type { ApolloServerPlugin } from '@apollo/server';
import { type Request, type Response, Router } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import known from './known-operations.json';

/**
 * Prometheus metrics, one registry per service. The hub runs four subgraphs and the gateway in one process, so
 * nothing here touches prom-client's global default registry: each service creates its own registry (labelled
 * `service="<name>"`) and serves it on its own `/metrics`.
 */

export interface ServiceMetricsOptions {
  /**
   * Also collect Node.js process metrics (CPU, heap, event-loop lag, GC). They describe the process, not the
   * service: in the one-process hub turn them on for one service only (the gateway), or they appear five times.
   */
  processMetrics?: boolean;
}

/** A registry for one service; every metric in it carries `service="<service>"`. */
export function createMetricsRegistry(service: string, opts: ServiceMetricsOptions = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (opts.processMetrics) collectDefaultMetrics({ register: registry });
  return registry;
}

/** Who may read `/metrics`: with a token, only a scraper that sends it; without one, anyone outside production. */
export interface MetricsAccess {
  token?: string;
  production: boolean;
}

function mayScrape(req: Request, access: MetricsAccess): boolean {
  if (!access.token) return !access.production;
  const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(access.token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `GET /metrics` in the Prometheus text format. Mount it at the app's root: `app.use(metricsRouter(registry, access))`.
 * Metrics tell an outsider how busy the hub is and which operations run: in production they are served only
 * behind METRICS_TOKEN (a 404 without it, as for a path that does not exist).
 */
export function metricsRouter(registry: Registry, access: MetricsAccess = { production: false }): Router {
  const router = Router();
  router.get('/metrics', async (req: Request, res: Response) => {
    if (!mayScrape(req, access)) {
      const status = access.token ? 401 : 404;
      res.status(status).json({ errors: [{ message: access.token ? 'Metrics need the scraper token (Authorization: Bearer <METRICS_TOKEN>).' : 'Nothing is served at /metrics here.', extensions: { code: access.token ? 'UNAUTHENTICATED' : 'NOT_FOUND' } }] });
      return;
    }
    try {
      res.set('Content-Type', registry.contentType);
      res.send(await registry.metrics());
    } catch (err) {
      res.status(500).type('text/plain').send(`metrics unavailable: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  return router;
}

/** Latency buckets (seconds) from a cached answer (~1 ms) to a slow list (several seconds). */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const KNOWN_OPERATIONS = new Set<string>(known.operations);

/**
 * The `operation` label of a request: its name only where the hub's own clients use it (core/known-operations.json),
 * otherwise `other`, so that no client can add series. A subgraph sees the gateway's names for its part of a
 * plan (`<operation>__<subgraph>__<n>`): those count under the client's operation.
 */
export function operationLabel(operationName: string | null | undefined): string {
  if (!operationName) return 'anonymous';
  const name = operationName.replace(/__[a-z]+__\d+$/, '');
  return KNOWN_OPERATIONS.has(name) ? name : 'other';
}

function metric<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

/**
 * An Apollo Server plugin counting GraphQL requests and timing them, per operation name:
 * `graphql_requests_total{operation, outcome}` (outcome `success` or `error`: any error in the answer) and
 * `graphql_request_duration_seconds{operation}` (from the request's arrival at Apollo to the answer being ready).
 * Anonymous operations are `anonymous`; requests that fail before an operation is known are `unknown`.
 */
export function graphqlMetricsPlugin<TContext extends object = object>(registry: Registry): ApolloServerPlugin<TContext> {
  const requests = metric(
    registry,
    'graphql_requests_total',
    () => new Counter({ name: 'graphql_requests_total', help: 'GraphQL requests, by operation name and outcome', labelNames: ['operation', 'outcome'] as const, registers: [registry] }),
  );
  const duration = metric(
    registry,
    'graphql_request_duration_seconds',
    () =>
      new Histogram({
        name: 'graphql_request_duration_seconds',
        help: 'Time to answer a GraphQL request, by operation name',
        labelNames: ['operation'] as const,
        buckets: LATENCY_BUCKETS,
        registers: [registry],
      }),
  );
  const labelOf = (operationName: string | null | undefined, parsed: boolean): string => (parsed ? operationLabel(operationName) : 'unknown');
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let failed = false;
      return {
        async didEncounterErrors() {
          failed = true;
        },
        async willSendResponse({ operationName, document, response }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          if (response.body.kind === 'single' && response.body.singleResult.errors?.length) failed = true;
          const operation = labelOf(operationName, document !== undefined);
          requests.inc({ operation, outcome: failed ? 'error' : 'success' });
          duration.observe({ operation }, seconds);
        },
      };
    },
  };
}

interface PgPoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

const pools = new WeakMap<Registry, Map<string, () => PgPoolLike | undefined>>();

/**
 * Database pool use of a TypeORM PostgreSQL DataSource, read when Prometheus scrapes (no timer):
 * `db_pool_connections{pool, state="total"|"idle"|"in_use"}`, `db_pool_waiting_requests{pool}` (queries waiting for a
 * connection: a full pool) and `db_pool_max_connections{pool}`. `pool` defaults to the DataSource's schema.
 * Calling it again for the same pool name replaces the DataSource (a restarted subgraph).
 */
/** What observeDatabasePool reads of a TypeORM DataSource, so that this library does not depend on TypeORM. */
export interface PooledDataSource {
  options: unknown;
  driver: unknown;
}

export function observeDatabasePool(registry: Registry, ds: PooledDataSource, pool?: string): void {
  const name = pool ?? String((ds.options as { schema?: string }).schema ?? 'default');
  let byName = pools.get(registry);
  if (!byName) {
    byName = new Map();
    pools.set(registry, byName);
    const all = byName;
    const read = () => [...all].map(([p, get]) => [p, get()] as const);
    new Gauge({
      name: 'db_pool_connections',
      help: 'Connections of the database pool: total open, idle, in use',
      labelNames: ['pool', 'state'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [p, pg] of read()) {
          const total = pg?.totalCount ?? 0;
          const idle = pg?.idleCount ?? 0;
          this.set({ pool: p, state: 'total' }, total);
          this.set({ pool: p, state: 'idle' }, idle);
          this.set({ pool: p, state: 'in_use' }, total - idle);
        }
      },
    });
    new Gauge({
      name: 'db_pool_waiting_requests',
      help: 'Queries waiting for a free connection of the database pool',
      labelNames: ['pool'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [p, pg] of read()) this.set({ pool: p }, pg?.waitingCount ?? 0);
      },
    });
    new Gauge({
      name: 'db_pool_max_connections',
      help: 'Size limit of the database pool',
      labelNames: ['pool'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [p, pg] of read()) if (pg?.options?.max !== undefined) this.set({ pool: p }, pg.options.max);
      },
    });
  }
  // TypeORM's postgres driver keeps its pg.Pool as `master` (no public accessor); absent before initialize().
  byName.set(name, () => (ds.driver as unknown as { master?: PgPoolLike }).master);
}
