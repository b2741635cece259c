import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { DataSource, MixedList } from 'typeorm';
import type { Config, SubgraphName } from '../../core/config';
import { type Identity } from '../../core/auth/roles';
import { type NonceStore, RequestVerifier, SignatureError, type VerifiedRequest } from '../../core/auth/signing';
import { PostgresNonceStore } from './auth/nonce-store';
import { DEADLINE_MARGIN_MS, Deadline } from '../../core/deadline';
import { databaseOutage, databaseOutageError } from './database-outage';
import { connectsWithOwnerRights, createDataSource, migrate, pendingMigrations } from './database';
import { ErrorCode } from '../../core/errors';
import { createMetricsRegistry, graphqlMetricsPlugin, metricsRouter, observeDatabasePool } from '../../core/metrics';
import { formatError } from '../../core/format-error';
import { type RunningHttpServer, listen } from '../../core/http-server';
import { PeerTransports, type PeerUrls, SubgraphClient } from './subgraph-client';
import { type Logger, createLogger } from '../../core/logger';
import { type LoaderReads, type RequestReads, SharedReads } from './shared-reads';

export interface SubgraphContext<Loaders = unknown> {
  /** Who is asking, as the gateway vouched for it in the signed request. */
  identity: Identity;
  db: DataSource;
  loaders: Loaders;
  /** The rows kept across requests that this request's loaders may read through (opened for queries only). */
  reads: RequestReads;
  log: Logger;
  requestId: string;
  /** Per-request results shared by several fields of one answer. */
  memo: Map<string, Promise<unknown>>;
  /** Signed calls to sibling subgraphs, on the caller's behalf, within this request's deadline. */
  peers: SubgraphClient;
  /** When the caller stops waiting: the gateway's time left, never more than this service's own limit. */
  deadline: Deadline;
}

/** Computes `fn` once per request for `key`, however many fields ask for it. */
export function memoized<T>(ctx: { memo: Map<string, Promise<unknown>> }, key: string, fn: () => Promise<T>): Promise<T> {
  if (!ctx.memo.has(key)) ctx.memo.set(key, fn());
  return ctx.memo.get(key) as Promise<T>;
}

/** An internal endpoint's handler: the body as JSON in, a status and a JSON body out. */
export type InternalRoute = (ctx: { db: DataSource; log: Logger; requestId: string }, body: unknown) => Promise<{ status: number; body: unknown }>;

/** Everything that makes one subgraph: its data, its schema, its per-request loaders. */
export interface SubgraphDefinition<Loaders = unknown> {
  name: SubgraphName;
  /** The PostgreSQL schema it owns. */
  schema: string;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  buildSchema(): Promise<GraphQLSchema>;
  createLoaders(db: DataSource, reads: LoaderReads): Loaders;
  /**
   * Endpoints for the other parts of the hub only (signed like every gateway call), beside `/graphql`: for
   * example the gateway reporting refused access to the audit trail.
   */
  internalRoutes?: Record<string, InternalRoute>;
  /** Housekeeping when the service starts (after migrations), for example audit retention. */
  onStart?(db: DataSource, config: Config, log: Logger): Promise<void>;
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  db: DataSource;
  /** Drains HTTP (requests in flight get up to `drainMs`), then stops Apollo and closes the database pool. */
  stop(drainMs?: number): Promise<void>;
}

const ENV_VAR_OF_PORT: Record<SubgraphName, string> = {
  partners: 'PARTNERS_PORT',
  legal: 'LEGAL_PORT',
  territory: 'TERRITORY_PORT',
  instruments: 'INSTRUMENTS_PORT',
};

/**
 * Opens the subgraph's database connection. `migrations: 'apply'` is the migrate step's (as the owner role);
 * a service only checks that nothing is pending: it connects as a role that may not change the schema, and a
 * service that ran on a schema older than its code would fail on the first request that meets the difference.
 */
export async function openSubgraphDatabase(
  def: SubgraphDefinition<unknown>,
  opts: { databaseUrl: string; poolSize?: number; logger?: Logger; onQuery?: (sql: string) => void; migrations?: 'apply' | 'check'; statementTimeoutMs?: number },
): Promise<DataSource> {
  const db = createDataSource({
    schema: def.schema,
    url: opts.databaseUrl,
    entities: def.entities,
    migrations: def.migrations,
    poolSize: opts.poolSize,
    logger: opts.logger,
    onQuery: opts.onQuery,
    statementTimeoutMs: opts.statementTimeoutMs,
  });
  await db.initialize();
  try {
    if (opts.migrations === 'apply') {
      const applied = await migrate(db, def.schema);
      if (applied.length) opts.logger?.info({ migrations: applied }, 'migrations applied');
    } else {
      const pending = await pendingMigrations(db, def.schema);
      if (pending === null || pending.length) {
        const what = pending === null ? `its schema "${def.schema}" has not been migrated` : `${pending.length} migration${pending.length > 1 ? 's' : ''} of its schema "${def.schema}" ${pending.length > 1 ? 'are' : 'is'} not applied (${pending.join(', ')})`;
        throw Object.assign(
          new Error(
            `the ${def.name} subgraph cannot start: ${what}. Services do not change the schema; run the migrate step first, as the owner role: ` +
              '`node dist/hub/seed-cli.js` with DATABASE_OWNER_URL (the owner) and DATABASE_URL (this service\'s role) set, the `migrate` job of docker-compose.yml. Then start the service again.',
          ),
          { userFacing: true },
        );
      }
      const rights = await connectsWithOwnerRights(db, def.schema);
      if (rights) {
        opts.logger?.warn(
          { role: rights.role },
          `the ${def.name} subgraph connects as "${rights.role}", ${rights.why}: it could alter the audit trail. Give the services a role of their own (DATABASE_URL) and run the migrate step with DATABASE_OWNER_URL (docs/security.md, "Database roles").`,
        );
      }
    }
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}

/** The Express app of a subgraph: `/graphql`, `/health` (the process is up), `/ready` (its database answers). */
export async function createSubgraphApp<L>(
  def: SubgraphDefinition<L>,
  db: DataSource,
  opts: {
    production: boolean;
    log: Logger;
    signingSecret: string;
    previousSigningSecret?: string;
    metricsToken?: string;
    peers: PeerUrls;
    requestDeadlineMs: number;
    /** The process's own metrics (heap, CPU, event loop): for a subgraph that is a process of its own. */
    processMetrics?: boolean;
    /** Where signed requests' nonces are claimed; shared by all replicas (default: this process's memory). */
    nonces?: NonceStore;
    /** Rows kept across requests until the next write (default: none kept). */
    sharedReads?: SharedReads;
  },
) {
  const sharedReads = opts.sharedReads ?? SharedReads.none();
  const verifier = new RequestVerifier(opts.signingSecret, opts.previousSigningSecret, opts.nonces);
  const peerTransports = new PeerTransports(opts.signingSecret, opts.peers);
  const metrics = createMetricsRegistry(def.name, { processMetrics: opts.processMetrics });
  observeDatabasePool(metrics, db, def.name);
  const schema = await def.buildSchema();
  const logRequests: ApolloServerPlugin<SubgraphContext<L>> = {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async didResolveOperation({ operation }) {
          if (operation) await contextValue.reads.openFor(operation.operation);
        },
        async didEncounterErrors({ errors, operationName }) {
          for (const err of errors) {
            const outage = databaseOutage(err.originalError);
            if (outage) contextValue.log.warn({ err: err.originalError, operationName, reason: outage }, 'database unavailable');
            else if (!err.extensions?.code || err.extensions.code === 'INTERNAL_SERVER_ERROR') {
              contextValue.log.error({ err: err.originalError ?? err, operationName }, 'resolver failed');
            }
          }
        },
        async willSendResponse({ operationName, operation, response }) {
          // Every write is one transaction: a mutation field that failed for an outage wrote nothing, unless the
          // failure came while committing (then the error itself says written: "UNKNOWN").
          if (operation?.operation === 'mutation' && response.body.kind === 'single') {
            for (const error of response.body.singleResult.errors ?? []) {
              const extensions = error.extensions as Record<string, unknown> | undefined;
              if (extensions?.code === ErrorCode.UNAVAILABLE && extensions.written === undefined) extensions.written = false;
            }
          }
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          contextValue.log.debug({ operationName, ms }, 'graphql request');
        },
      };
    },
  };
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema,
    introspection: !opts.production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: opts.production,
    formatError: (formatted, error) => databaseOutageError(formatted, error) ?? formatError(formatted),
    // Inline traces cost time on every request and are only useful to Apollo's hosted tooling.
    // No cache hints: the gateway decides what may be cached from its own hints (gateway/cache/cache-hints.json),
    // so computing a cache policy field by field here would be work nobody reads.
    plugins: [logRequests, graphqlMetricsPlugin<SubgraphContext<L>>(metrics), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
    // The entry point owns SIGTERM (core/process.ts): Apollo's own handler would stop it while requests are still
    // draining, and re-send the signal.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: def.name });
  });
  app.use(metricsRouter(metrics, { token: opts.metricsToken, production: opts.production }));
  app.get('/ready', async (_req, res) => {
    try {
      await db.query('SELECT 1');
      res.json({ status: 'ready', service: def.name, database: 'reachable' });
    } catch {
      res.status(503).json({ status: 'not ready', service: def.name, database: 'unreachable' });
    }
  });
  const signedOnly = [
    // Keep the exact bytes: the signature covers the body as the gateway sent it.
    express.json({ limit: '1mb', verify: (req, _res, buf) => ((req as unknown as { rawBody: string }).rawBody = buf.toString('utf8')) }),
    async (req: express.Request, res: express.Response, next: express.NextFunction) => {
      try {
        res.locals.verified = await verifier.verify(req.headers, (req as unknown as { rawBody?: string }).rawBody ?? '');
        next();
      } catch (err) {
        if (!(err instanceof SignatureError)) return next(err);
        opts.log.warn({ reason: err.message, ip: req.ip }, 'refused a request not signed by the gateway');
        res.status(401).json({ errors: [{ message: 'This subgraph answers only the Ketenkaart gateway.', extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
      }
    },
  ];
  for (const [path, handle] of Object.entries(def.internalRoutes ?? {})) {
    app.post(path, ...signedOnly, async (req, res, next) => {
      const verified: VerifiedRequest = res.locals.verified;
      try {
        const outcome = await handle({ db, log: opts.log, requestId: verified.requestId ?? randomUUID() }, req.body);
        res.status(outcome.status).json(outcome.body);
      } catch (err) {
        next(err);
      }
    });
  }
  app.use(
    '/graphql',
    ...signedOnly,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        // Only what the signature covers is trusted: the identity, the request id and the time left.
        const verified: VerifiedRequest = res.locals.verified;
        const requestId = verified.requestId ?? randomUUID();
        const identity: Identity = verified.identity;
        const deadline = Deadline.fromHeader(verified.timeLeftMs, opts.requestDeadlineMs);
        const peers = new SubgraphClient(peerTransports, deadline);
        const reads = sharedReads.forRequest();
        return { identity, db, loaders: def.createLoaders(db, reads), reads, log: opts.log.child({ requestId }), requestId, memo: new Map(), peers, deadline };
      },
    }),
  );
  return { app, apollo, peerTransports };
}

/** Starts one subgraph: database (migrated beforehand), HTTP. Used alone (`main.ts`) and in-process (`hub/start.ts`). */
export async function startSubgraph<L>(
  def: SubgraphDefinition<L>,
  config: Config & { signingSecret: string },
  databaseUrl: string,
  opts: { log?: Logger; onQuery?: (sql: string) => void; processMetrics?: boolean } = {},
): Promise<RunningSubgraph> {
  const log = opts.log ?? createLogger(def.name, config.logLevel);
  const db = await openSubgraphDatabase(def, {
    databaseUrl,
    poolSize: config.dbPoolSize,
    logger: log,
    onQuery: opts.onQuery,
    // A statement ends before the request does, so that the answer can still say the database was too slow.
    statementTimeoutMs: Math.max(100, config.requestDeadlineMs - DEADLINE_MARGIN_MS),
  });
  let http: RunningHttpServer | undefined;
  let apollo: ApolloServer<SubgraphContext<L>> | undefined;
  let peerTransports: PeerTransports | undefined;
  const nonces = new PostgresNonceStore(databaseUrl, def.schema, log);
  const sharedReads = SharedReads.create(databaseUrl, config.sharedReadsSeconds, log);
  try {
    await def.onStart?.(db, config, log);
    await sharedReads.start();
    const built = await createSubgraphApp(def, db, {
      production: config.env === 'production',
      log,
      signingSecret: config.signingSecret,
      previousSigningSecret: config.previousSigningSecret,
      metricsToken: config.metricsToken,
      peers: config.subgraphs,
      requestDeadlineMs: config.requestDeadlineMs,
      processMetrics: opts.processMetrics,
      nonces,
      sharedReads,
    });
    apollo = built.apollo;
    peerTransports = built.peerTransports;
    http = await listen(built.app, {
      service: `The ${def.name} subgraph`,
      host: config.host,
      port: config.subgraphs[def.name].port,
      envVar: ENV_VAR_OF_PORT[def.name],
      path: '/graphql',
    });
  } catch (err) {
    await apollo?.stop();
    await peerTransports?.close();
    await nonces.close();
    await sharedReads.stop();
    await db.destroy();
    throw err;
  }
  const running = http;
  return {
    name: def.name,
    url: running.url,
    db,
    async stop(drainMs) {
      await running.close(drainMs);
      await apollo?.stop();
      await peerTransports?.close();
      await nonces.close();
      await sharedReads.stop();
      await db.destroy();
    },
  };
}
