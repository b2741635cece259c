import { randomUUID } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import cors from 'cors';
import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import type { Config, SubgraphName } from '../core/config';
import { ErrorCode } from '../core/errors';
import { INTERNAL_ERROR_MESSAGE, formatError } from '../core/format-error';
import { type RunningHttpServer, listen } from '../core/http-server';
import { type Logger, createLogger } from '../core/logger';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ANONYMOUS, type Identity } from '../core/auth/roles';
import { AccessRefusalRecorder, accessRefusalsUrl, auditRefusedFields, refusedToken } from './auth/access-refusal-recorder';
import { createAuthenticator } from './auth/authenticate';
import { AuthorizingGateway } from './auth/authorizing-gateway';
import { rulesFromSupergraph } from './auth/rules';
import { SubgraphTransport } from '../core/subgraph-transport';
import { graphiqlAssets, graphiqlResponse } from './graphiql';
import { gatewayMetricsPlugin, gatewayMetricsRouter, measureSubgraphFetches, recordCacheLookup } from './metrics';
import { adoptScalarImplementations } from './scalars';
import { readSupergraph } from './supergraph';
import { webPage } from './web';
import { beheerPage } from './beheer';
import { Sessions } from './session/sessions';
import { signInRoutes } from './session/sign-in-routes';
import { createRateLimits } from './rate-limit';
import { requestChecks } from './request-checks';
import { type SubgraphCallContext, SubgraphDataSource } from './subgraph-data-source';
import { Deadline } from '../core/deadline';
import { feedRouter } from './feed/router';
import { httpCacheControl } from './cache/http-cache-control';
import { ResponseCache } from './cache/response-cache';
import { type CacheSlot, cacheSlotOf, serveCached } from './cache/serve-cached';
import { LINKED_DATA_PATH, linkedDataRoute } from './linked-data/route';
import { sendError } from './http-answers';
import { orList } from '../core/text';

export interface GatewayContext extends SubgraphCallContext {
  requestId: string;
  /** The client's own `x-request-id`, when it sent a sane one: logged beside ours, never trusted. */
  clientRequestId?: string;
  identity: Identity;
  deadline: Deadline;
  /** The client's address (after TRUST_PROXY_HOPS), for the audit of refused access. */
  address?: string;
  /** Shared with the response cache's middleware: where and whether this answer is kept. */
  cacheSlot?: CacheSlot;
}

export interface GatewayOptions {
  config: Config & { signingSecret: string };
  supergraphSdl?: string;
  /**
   * Where to listen for registry changes, when not `config.responseCache.invalidationDatabaseUrl` (the hub passes
   * the database it started).
   */
  invalidationDatabaseUrl?: string;
  log?: Logger;
}

function readyUrlOf(graphqlUrl: string): string {
  return graphqlUrl.replace(/\/graphql\/?$/, '') + '/ready';
}

/** The most tokens a document may have; graphql-js stops parsing past it (GRAPHQL_PARSE_FAILED, 400). */
const MAX_TOKENS = 3000;
const MAX_BODY = '100kb';

/** Headers a browser app on an allowed origin may send: its own, and the ones Apollo's CSRF prevention accepts. */
const CORS_HEADERS = ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id'];

/** The gateway's own routes and their methods: any other method on them is a 405, any other path a 404. */
const ROUTES: Record<string, string[]> = {
  '/': ['GET', 'HEAD'],
  '/graphql': ['GET', 'POST', 'OPTIONS'],
  '/health': ['GET', 'HEAD'],
  '/ready': ['GET', 'HEAD'],
  '/metrics': ['GET', 'HEAD'],
  // The public change feed: CloudEvents pages and their LDES form (gateway/feed/, docs/feed.md).
  '/feed/changes': ['GET', 'HEAD'],
  '/feed/ldes': ['GET', 'HEAD'],
  '/feed/ns': ['GET', 'HEAD'],
  '/beheer': ['GET', 'HEAD'],
  '/beheer/aanmelden': ['GET', 'HEAD'],
  '/beheer/terugkeer': ['GET', 'HEAD'],
  '/beheer/sessie': ['GET', 'HEAD'],
  '/beheer/afmelden': ['POST'],
  // Linked Data: a record's URI dereferenced (gateway/linked-data/route.ts answers other methods itself).
  [LINKED_DATA_PATH]: ['GET', 'HEAD'],
};

/** What of a client's own `x-request-id` is kept, and only beside ours in the log: a sane, short token. */
const CLIENT_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Every request gets an id of the gateway's own: logged, signed on to the subgraphs (and so in the audit trail
 * and the version journal), and answered in `x-request-id`. A client's own id is never the key of anything (a
 * client could reuse someone else's, or send 5 kB); a sane one is logged beside ours, to match the two up.
 */
const assignRequestId: RequestHandler = (req, res, next) => {
  const given = req.headers['x-request-id'];
  res.locals.requestId = randomUUID();
  res.locals.clientRequestId = typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : undefined;
  res.set('x-request-id', res.locals.requestId);
  next();
};

/** What is wrong with the request body, as body-parser reports it (`err.type`), for the client. */
function bodyError(err: { type?: string; status?: unknown; limit?: number; message?: string }) {
  switch (err.type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'BAD_REQUEST', message: `De body van het verzoek is geen geldige JSON: ${err.message}`, extensions: {} };
    case 'entity.too.large':
      return {
        status: 413,
        code: ErrorCode.PAYLOAD_TOO_LARGE,
        message: `De body van het verzoek is groter dan de ${MAX_BODY} die de gateway aanvaardt: stuur een kortere query of minder variabelen.`,
        extensions: { limitBytes: err.limit },
      };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'BAD_REQUEST', message: `${err.message}: stuur JSON in UTF-8, zonder content-encoding.`, extensions: {} };
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return { status: 400, code: 'BAD_REQUEST', message: 'De body van het verzoek was onvolledig: stuur hem opnieuw.', extensions: {} };
    default:
      // Any other unreadable body (a bad gzip stream, say): body-parser marks the client's mistakes 4xx.
      if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
        return { status: err.status, code: 'BAD_REQUEST', message: `De body van het verzoek kon niet gelezen worden: ${err.message}`, extensions: {} };
      }
      return undefined;
  }
}

/** The gateway's Express app: `/graphql` (GraphiQL on a browser GET), `/health`, `/ready`. */
export async function createGatewayApp(opts: GatewayOptions) {
  const { config } = opts;
  const log = opts.log ?? createLogger('gateway', config.logLevel);
  const supergraphSdl = opts.supergraphSdl ?? readSupergraph();
  const transports: SubgraphTransport[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl,
    // The committed supergraph names default URLs; the deployment decides where each subgraph really is.
    buildService: ({ name, url }) => {
      const transport = new SubgraphTransport(config.subgraphs[name as SubgraphName]?.url ?? url!, config.signingSecret, (shared) => recordCacheLookup('inFlightSubgraphRequest', shared));
      transports.push(transport);
      return measureSubgraphFetches(name, new SubgraphDataSource(name as SubgraphName, transport, log));
    },
    logger: log,
  });
  const closeTransports = () => Promise.all(transports.map((t) => t.close())).then(() => undefined);
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => adoptScalarImplementations(apiSchema));
  const production = config.env === 'production';
  const rules = rulesFromSupergraph(supergraphSdl);
  const authenticate = await createAuthenticator(config);
  const refusals = new AccessRefusalRecorder({ url: accessRefusalsUrl(config.subgraphs.partners.url), signingSecret: config.signingSecret }, log);
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 15 },
    // graphql-armor's token limit throws outside Apollo's parse step (a 500, and syntax errors mislabelled as
    // validation errors); graphql-js' own limit (parseOptions below) fails parsing like any syntax error.
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
    // The list of all 304 municipalities with their zone, Veilig Huis and ARIEC costs about 24 000: allow it.
    costLimit: { maxCost: 50000 },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway: new AuthorizingGateway(gateway, rules),
    // The entry point owns SIGTERM (core/process.ts): Apollo's own handler would stop it while requests still drain.
    stopOnTerminationSignals: false,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    allowBatchedHttpRequests: false,
    formatError,
    parseOptions: { maxTokens: MAX_TOKENS },
    validationRules: armor.validationRules,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // httpCacheControl below decides cache-control by what the answer contains; Apollo's own would only add work.
      ApolloServerPluginCacheControlDisabled(),
      ...armor.plugins,
      requestChecks(log),
      httpCacheControl(rules),
      auditRefusedFields(refusals),
      gatewayMetricsPlugin<GatewayContext>(),
    ],
  });
  await apollo.start();
  // The response cache needs to hear of every write, from whichever replica: no database to listen on, no cache.
  const invalidationUrl = opts.invalidationDatabaseUrl ?? config.responseCache.invalidationDatabaseUrl;
  let responseCache: ResponseCache | undefined;
  if (config.responseCache.maxMegabytes > 0 && invalidationUrl) {
    responseCache = new ResponseCache({ maxBytes: config.responseCache.maxMegabytes * 2 ** 20, databaseUrl: invalidationUrl, log });
    await responseCache.start();
  } else if (config.responseCache.maxMegabytes > 0) {
    log.warn('response cache off: no database to hear of writes on (set CACHE_INVALIDATION_DATABASE_URL or DATABASE_URL)');
  }

  const app = express();
  app.disable('x-powered-by');
  // ETags are the hub's own (weakEtag): on public answers, feed pages and assets. Express would otherwise hash
  // every answer, also the private ones no cache may keep.
  app.set('etag', false);
  // Behind reverse proxies the client's address is the one they report: trust as many of them as configured.
  app.set('trust proxy', config.rateLimit.trustProxyHops);
  const rateLimits = createRateLimits(config.rateLimit);
  // No answer of the hub is to be sniffed into another type than it says.
  app.use((_req, res, next) => {
    res.set('x-content-type-options', 'nosniff');
    next();
  });
  app.use(assignRequestId);
  // gzip or brotli, as the client accepts; a who-is-who card is some 23 kB of JSON.
  app.use(compression());
  app.use('/graphiql', graphiqlAssets());
  // The who-is-who page for people who do not write GraphQL: it calls /graphql like any other client.
  app.use(webPage());
  // The editors' page and sign-in for people (OpenID Connect), when an issuer is configured.
  const sessions = config.oidc ? new Sessions({ ...config, oidc: config.oidc }) : undefined;
  app.use(beheerPage(config.oidc && new URL(config.oidc.issuerUrl).origin));
  if (sessions) {
    app.use(signInRoutes(sessions, log));
  } else {
    app.get('/beheer/sessie', (_req, res) => {
      res.set('cache-control', 'no-store').json({ aangemeld: false, aanmeldenMogelijk: false });
    });
  }
  // A record's URI answers JSON-LD, Turtle or a page, read anonymously through the gateway's own public schema.
  app.use('/id', rateLimits.byAddress);
  app.use(linkedDataRoute({
    base: config.publicBaseUrl,
    log,
    runQuery: async (query, variables, call) => {
      const contextValue: GatewayContext = { requestId: call.requestId, identity: ANONYMOUS, deadline: Deadline.in(config.requestDeadlineMs), address: call.address };
      const response = await apollo.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('the linked data queries use no incremental delivery');
      return response.body.singleResult;
    },
  }));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.use(gatewayMetricsRouter({ token: config.metricsToken, production }));
  app.use(feedRouter({ config, log, rateLimit: rateLimits.byAddress }));
  app.get('/ready', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(config.subgraphs).map(async ([name, { url }]) => {
        try {
          const response = await fetch(readyUrlOf(url), { signal: AbortSignal.timeout(2000) });
          return [name, response.ok ? 'ready' : `not ready (${response.status})`] as const;
        } catch {
          return [name, 'unreachable'] as const;
        }
      }),
    );
    const subgraphs = Object.fromEntries(checks);
    const ready = checks.every(([, state]) => state === 'ready');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', service: 'gateway', supergraph: 'loaded', subgraphs });
  });
  // Browser apps on the configured origins only (CORS_ORIGINS); for any other origin no Access-Control-* header is
  // sent, so the browser keeps the answer from the page. Apollo's CSRF prevention still refuses simple requests.
  const allowedOrigins = new Set(config.corsOrigins);
  app.use(
    '/graphql',
    (_req, res, next) => {
      // The answer depends on Origin for every origin, so a shared cache never hands one origin's answer to another.
      res.vary('Origin');
      next();
    },
    cors({
      origin: (origin, callback) => callback(null, origin !== undefined && allowedOrigins.has(origin) ? origin : false),
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: CORS_HEADERS,
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    }),
  );
  /** A bearer token (programs), else a signed-in person's session (only with its CSRF token), else anonymous. */
  const identityOf = async (req: Request): Promise<Identity> => {
    if (req.headers.authorization || !sessions) return authenticate(req.headers.authorization);
    return (await sessions.identityOf(req)) ?? ANONYMOUS;
  };
  // GraphiQL outside production only: there introspection is off, so it could show nothing anyway.
  const graphiql = production ? undefined : graphiqlResponse('/graphql');
  app.get('/graphql', (req, res, next) => {
    // A browser asking for a page gets GraphiQL; GET queries from clients (Accept: JSON) go on to Apollo.
    if (graphiql && req.accepts(['application/json', 'text/html']) === 'text/html' && req.query.query === undefined) {
      res.set(graphiql.headers).type('html').send(graphiql.html);
      return;
    }
    next();
  });
  app.use(
    '/graphql',
    (req, res, next) => {
      const allowed = ROUTES['/graphql'];
      if (req.method === 'GET' || req.method === 'POST') return next();
      res.set('allow', allowed.join(', '));
      if (req.method === 'OPTIONS') {
        // A preflight from an allowed origin was answered by cors(): this browser app is on another origin.
        const origin = req.headers.origin;
        if (origin) {
          sendError(res, 403, ErrorCode.FORBIDDEN, `Browsertoepassingen op ${origin} mogen de gateway niet aanspreken: die oorsprong staat niet in CORS_ORIGINS.`, { origin });
        } else {
          res.status(204).end();
        }
        return;
      }
      sendError(res, 405, ErrorCode.METHOD_NOT_ALLOWED, `${req.method} kan niet op /graphql: gebruik POST (of GET voor queries).`, { method: req.method, allowed });
    },
    rateLimits.byAddress,
    express.json({ limit: MAX_BODY }),
    serveCached({ cache: responseCache, identify: identityOf, limitIdentity: rateLimits.byIdentity }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = res.locals.requestId as string;
        const slot = cacheSlotOf(res);
        // The cache's middleware decided who the caller is already, if it could: deciding once is enough.
        const identity =
          slot.identity ??
          (await identityOf(req).catch((err: unknown) => {
            refusals.record(refusedToken(err, { address: req.ip, requestId, body: req.body }));
            throw err;
          }));
        await rateLimits.byIdentity(identity);
        return {
          requestId,
          clientRequestId: res.locals.clientRequestId as string | undefined,
          identity,
          deadline: Deadline.in(config.requestDeadlineMs),
          address: req.ip,
          cacheSlot: slot,
        };
      },
    }),
  );
  app.use((req, res) => {
    const allowed = ROUTES[req.path];
    if (allowed) {
      res.set('allow', allowed.join(', '));
      sendError(res, 405, ErrorCode.METHOD_NOT_ALLOWED, `${req.method} kan niet op ${req.path}: gebruik ${orList(allowed)}.`, { method: req.method, allowed });
      return;
    }
    sendError(res, 404, ErrorCode.NOT_FOUND, `Er is niets op ${req.path}: de GraphQL-API staat op /graphql.`, { path: req.path });
  });
  // Last: a body that cannot be read is the client's mistake (JSON, 4xx); anything else is ours (logged, 500).
  const handleErrors: ErrorRequestHandler = (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const known = bodyError(err ?? {});
    if (known) {
      sendError(res, known.status, known.code, known.message, known.extensions);
      return;
    }
    log.error({ err, requestId: res.locals.requestId, clientRequestId: res.locals.clientRequestId, method: req.method, path: req.path }, 'gateway request failed');
    sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_ERROR_MESSAGE, { requestId: res.locals.requestId });
  };
  app.use(handleErrors);
  return { app, apollo, log, refusals, responseCache, closeTransports };
}

export interface RunningGateway {
  url: string;
  /** Drains HTTP (requests in flight get up to `drainMs`), then stops Apollo. */
  stop(drainMs?: number): Promise<void>;
}

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const { app, apollo, log, refusals, responseCache, closeTransports } = await createGatewayApp(opts);
  let http: RunningHttpServer;
  try {
    http = await listen(app, { service: 'The gateway', host: opts.config.host, port: opts.config.gatewayPort, envVar: 'GATEWAY_PORT', path: '/graphql' });
  } catch (err) {
    await apollo.stop();
    await closeTransports();
    await refusals.stop();
    await responseCache?.stop();
    throw err;
  }
  log.info({ url: http.url }, 'gateway listening');
  return {
    url: http.url,
    async stop(drainMs) {
      await http.close(drainMs);
      await apollo.stop();
      await closeTransports();
      // Last: what the requests just drained were refused still reaches the audit trail.
      await refusals.stop();
      await responseCache?.stop();
    },
  };
}
