import { randomUUID } from 'node:crypto';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Config, SubgraphName } from '../core/config';
import { formatError } from '../core/format-error';
import { type RunningHttpServer, listen } from '../core/http-server';
import { type Logger, createLogger } from '../core/logger';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ANONYMOUS, type Identity } from '../core/auth/roles';
import { HEADER, encodeIdentity } from '../core/auth/signing';
import { createAuthenticator } from './auth/authenticate';
import { AuthorizingGateway } from './auth/authorizing-gateway';
import { privateCacheControl } from './auth/cache-control';
import { rulesFromSupergraph } from './auth/rules';
import { signingFetcher } from './auth/signing-fetcher';
import { graphiqlAssets, graphiqlPage } from './graphiql';
import { gatewayMetricsPlugin, gatewayMetricsRouter, measureSubgraphFetches } from './metrics';
import { adoptScalarImplementations } from './scalars';
import { readSupergraph } from './supergraph';
import { webPage } from './web';

export interface GatewayContext {
  requestId: string;
  identity: Identity;
}

export interface GatewayOptions {
  config: Config & { signingSecret: string };
  supergraphSdl?: string;
  log?: Logger;
}

function readyUrlOf(graphqlUrl: string): string {
  return graphqlUrl.replace(/\/graphql\/?$/, '') + '/ready';
}

/** The gateway's Express app: `/graphql` (GraphiQL on a browser GET), `/health`, `/ready`. */
export async function createGatewayApp(opts: GatewayOptions) {
  const { config } = opts;
  const log = opts.log ?? createLogger('gateway', config.logLevel);
  const supergraphSdl = opts.supergraphSdl ?? readSupergraph();
  const gateway = new ApolloGateway({
    supergraphSdl,
    // The committed supergraph names default URLs; the deployment decides where each subgraph really is.
    buildService: ({ name }) =>
      measureSubgraphFetches(name, new RemoteGraphQLDataSource<GatewayContext>({
        url: config.subgraphs[name as SubgraphName]?.url,
        fetcher: signingFetcher(config.signingSecret) as never,
        willSendRequest({ request, context }) {
          if (context?.requestId) request.http?.headers.set('x-request-id', context.requestId);
          // Identity travels only inside the signed request; nothing a client sends is forwarded.
          request.http?.headers.set(HEADER.identity, encodeIdentity(context?.identity ?? ANONYMOUS));
        },
      })),
    logger: log,
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => adoptScalarImplementations(apiSchema));
  const production = config.env === 'production';
  const rules = rulesFromSupergraph(supergraphSdl);
  const authenticate = await createAuthenticator(config);
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 15 },
    maxTokens: { n: 3000 },
    maxDirectives: { n: 20 },
    // The list of all 304 municipalities with their zone, Veilig Huis and ARIEC costs about 24 000: allow it.
    costLimit: { maxCost: 50000 },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway: new AuthorizingGateway(gateway, rules),
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    allowBatchedHttpRequests: false,
    formatError,
    validationRules: armor.validationRules,
    plugins: [ApolloServerPluginLandingPageDisabled(), ...armor.plugins, privateCacheControl(rules), gatewayMetricsPlugin<GatewayContext>()],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use('/graphiql', graphiqlAssets());
  // The who-is-who page for people who do not write GraphQL: it calls /graphql like any other client.
  app.use(webPage());
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.use(gatewayMetricsRouter());
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
  app.get('/graphql', (req, res, next) => {
    // A browser asking for a page gets GraphiQL; GET queries from clients (Accept: JSON) go on to Apollo.
    if (req.accepts(['application/json', 'text/html']) === 'text/html' && req.query.query === undefined) {
      res.type('html').send(graphiqlPage('/graphql'));
      return;
    }
    next();
  });
  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        requestId: String(req.headers['x-request-id'] ?? randomUUID()),
        identity: await authenticate(req.headers.authorization),
      }),
    }),
  );
  return { app, apollo, log };
}

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const { app, apollo, log } = await createGatewayApp(opts);
  let http: RunningHttpServer;
  try {
    http = await listen(app, { service: 'The gateway', host: opts.config.host, port: opts.config.gatewayPort, envVar: 'GATEWAY_PORT', path: '/graphql' });
  } catch (err) {
    await apollo.stop();
    throw err;
  }
  log.info({ url: http.url }, 'gateway listening');
  return {
    url: http.url,
    async stop() {
      await http.close();
      await apollo.stop();
    },
  };
}
