import { randomBytes } from 'node:crypto';
import type { Config } from '../core/config';
import { type Logger, createLogger } from '../core/logger';
import { grantServiceRole, prepareServiceRole } from '../subgraphs/_shared/database';
import { type RunningSubgraph, openSubgraphDatabase, startSubgraph } from '../subgraphs/_shared/subgraph';
import { SUBGRAPHS } from '../subgraphs';
import { type RunningGateway, startGateway } from '../gateway/server';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './embedded-database';
import { seed } from './seed';
import { freePort } from './free-port';

export interface RunningHub {
  /** The owner role's URL: what migrated and seeded the database (tools and tests inspect and prepare data with it). */
  databaseUrl: string;
  /** What the services connect with: the runtime role, unless one role does both (then the same as databaseUrl). */
  serviceDatabaseUrl: string;
  gateway: RunningGateway;
  subgraphs: RunningSubgraph[];
  stop(): Promise<void>;
}

/** Said when migrations and services share one role: nothing in the database then stops a service from altering the audit trail. */
export const ONE_ROLE_WARNING =
  'WARNING: DATABASE_OWNER_URL is not set, so the services connect with the role that ran the migrations and owns the schemas: ' +
  'they could alter or empty the audit trail. Set DATABASE_OWNER_URL to the owner role for the migrate step and DATABASE_URL to a role of the services\' own (docs/security.md, "Database roles").';

/**
 * The migrate step, as the owner role of `ownerUrl`: every subgraph's pending migrations, each in its own schema,
 * then the services' role (`serviceUrl`'s user: created when missing and the owner may) and exactly its grants,
 * again on every run. Without a `serviceUrl` of another role there is no one to grant to: `warn` is told.
 */
export async function migrateAll(ownerUrl: string, opts: { serviceUrl?: string; logger?: Logger; warn?: (line: string) => void } = {}): Promise<void> {
  const role = opts.serviceUrl && opts.serviceUrl !== ownerUrl ? await prepareServiceRole(ownerUrl, opts.serviceUrl) : undefined;
  if (!role?.separate) opts.warn?.(ONE_ROLE_WARNING);
  for (const def of SUBGRAPHS) {
    const db = await openSubgraphDatabase(def, { databaseUrl: ownerUrl, logger: opts.logger?.child({ service: def.name }), poolSize: 1, migrations: 'apply' });
    try {
      if (role?.separate) await grantServiceRole(db, def.schema, role.name);
    } finally {
      await db.destroy();
    }
  }
}

/**
 * The whole hub in one process: database (embedded unless DATABASE_URL is set), migrations and seeds as the
 * owner role, the four subgraphs (as the services' role) and the gateway. What `npm start` runs, and what the end-to-end tests start.
 */
export async function startHub(
  config: Config,
  opts: {
    seed?: boolean;
    databaseUrl?: string;
    log?: (line: string) => void;
    logger?: Logger;
    /**
     * Runs the development OpenID provider (fictional accounts) for sign-in at /beheer when no issuer is
     * configured (`npm start`, the tests of sign-in). Never in production. Default off: tools that start a hub
     * for a moment (export, benchmark) need no sign-in.
     */
    devSignIn?: boolean;
    /** Sees every SQL statement a subgraph sends (tests count them). */
    onQuery?: (subgraph: string, sql: string) => void;
  } = {},
): Promise<RunningHub> {
  const say = opts.log ?? (() => undefined);
  const logger = opts.logger ?? createLogger('hub', config.logLevel);
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err) => logger.error({ err }, 'error while stopping'));
  };
  try {
    // The services connect with `databaseUrl`; migrations and the seed run as the owner.
    let databaseUrl = opts.databaseUrl ?? config.databaseUrl;
    let ownerUrl = config.databaseOwnerUrl ?? databaseUrl;
    if (!databaseUrl) {
      say(`database: starting embedded PostgreSQL (data in ${config.dataDir}, port ${config.embeddedPgPort})…`);
      const embedded: EmbeddedDatabase = await startEmbeddedDatabase({ dataDir: config.dataDir, port: config.embeddedPgPort });
      stops.push(() => embedded.stop());
      ownerUrl = embedded.url;
      databaseUrl = embedded.serviceUrl;
    } else {
      say(config.databaseOwnerUrl ? 'database: using DATABASE_URL for the services, DATABASE_OWNER_URL for migrations and the seed' : 'database: using DATABASE_URL');
    }
    say('database: applying migrations…');
    await migrateAll(ownerUrl!, { serviceUrl: databaseUrl, logger, warn: (line) => say(`database: ${line}`) });
    if (opts.seed !== false) await seed(ownerUrl!, { log: say });

    // In one process the gateway and the subgraphs share a secret made for this run, unless one is configured.
    const signed = { ...config, signingSecret: config.signingSecret ?? randomBytes(32).toString('base64url') };
    const subgraphs: RunningSubgraph[] = [];
    const urls = { ...config.subgraphs };
    for (const def of SUBGRAPHS) {
      const onQuery = opts.onQuery && ((sql: string) => opts.onQuery!(def.name, sql));
      // Started in dependency order: each subgraph learns where the ones before it listen.
      const running = await startSubgraph(def, { ...signed, subgraphs: urls }, databaseUrl, { onQuery, log: logger.child({ service: def.name }) });
      stops.push(() => running.stop());
      subgraphs.push(running);
      // With port 0 the real port is known only now; the gateway must call the subgraph where it listens.
      urls[def.name] = { port: Number(new URL(running.url).port), url: running.url };
      say(`${def.name.padEnd(11)} subgraph  ${running.url}`);
    }
    // Sign-in for /beheer: the configured issuer, or else (outside production) the development one. Its client
    // registration names the gateway's callback, so the gateway's port must be known before either starts.
    let gatewayConfig: Config & { signingSecret: string } = { ...signed, subgraphs: urls };
    if (!config.oidc && opts.devSignIn) {
      const gatewayPort = config.gatewayPort || (await freePort());
      const gatewayOrigin = config.gatewayPort ? config.publicBaseUrl : `http://localhost:${gatewayPort}`;
      // Loaded only here: the migrate step and other tools that import this module never load oidc-provider.
      const { startDevIssuer } = await import('./dev-oidc/dev-issuer.js');
      const issuer = await startDevIssuer({ env: config.env, host: config.host, port: config.devOidcPort, gatewayOrigin });
      stops.push(() => issuer.stop());
      gatewayConfig = { ...gatewayConfig, gatewayPort, oidc: issuer.oidc };
      say(`development sign-in    ${issuer.oidc.issuerUrl}  (fictional accounts: hub/dev-oidc/accounts.yaml)`);
    }
    const gateway = await startGateway({
      config: gatewayConfig,
      // The embedded database too: the gateway listens there for the writes that drop its response cache.
      invalidationDatabaseUrl: config.responseCache.invalidationDatabaseUrl ?? databaseUrl,
      log: logger.child({ service: 'gateway' }),
    });
    stops.push(() => gateway.stop());
    say(`gateway                ${gateway.url}  (GraphiQL in a browser)`);
    return { databaseUrl: ownerUrl!, serviceDatabaseUrl: databaseUrl, gateway, subgraphs, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
