import { randomBytes } from 'node:crypto';
import type { Config } from '../core/config';
import { type Logger, createLogger } from '../core/logger';
import { type RunningSubgraph, openSubgraphDatabase, startSubgraph } from '../subgraphs/_shared/subgraph';
import { SUBGRAPHS } from '../subgraphs';
import { type RunningGateway, startGateway } from '../gateway/server';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './embedded-database';
import { seed } from './seed';

export interface RunningHub {
  databaseUrl: string;
  gateway: RunningGateway;
  subgraphs: RunningSubgraph[];
  stop(): Promise<void>;
}

/** Applies every subgraph's pending migrations, each in its own schema. */
export async function migrateAll(databaseUrl: string, log?: Logger): Promise<void> {
  for (const def of SUBGRAPHS) {
    const db = await openSubgraphDatabase(def, { databaseUrl, logger: log?.child({ service: def.name }), poolSize: 1 });
    await db.destroy();
  }
}

/**
 * The whole hub in one process: database (embedded unless DATABASE_URL is set), migrations, seeds, the four
 * subgraphs and the gateway. What `npm start` runs, and what the end-to-end tests start.
 */
export async function startHub(
  config: Config,
  opts: {
    seed?: boolean;
    databaseUrl?: string;
    log?: (line: string) => void;
    logger?: Logger;
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
    let databaseUrl = opts.databaseUrl ?? config.databaseUrl;
    if (!databaseUrl) {
      say(`database: starting embedded PostgreSQL (data in ${config.dataDir}, port ${config.embeddedPgPort})…`);
      const embedded: EmbeddedDatabase = await startEmbeddedDatabase({ dataDir: config.dataDir, port: config.embeddedPgPort });
      stops.push(() => embedded.stop());
      databaseUrl = embedded.url;
    } else {
      say('database: using DATABASE_URL');
    }
    say('database: applying migrations…');
    await migrateAll(databaseUrl, logger);
    if (opts.seed !== false) await seed(databaseUrl, { log: say });

    // In one process the gateway and the subgraphs share a secret made for this run, unless one is configured.
    const signed = { ...config, signingSecret: config.signingSecret ?? randomBytes(32).toString('base64url') };
    const subgraphs: RunningSubgraph[] = [];
    const urls = { ...config.subgraphs };
    for (const def of SUBGRAPHS) {
      const onQuery = opts.onQuery && ((sql: string) => opts.onQuery!(def.name, sql));
      // Started in dependency order: each subgraph learns where the ones before it listen.
      const running = await startSubgraph(def, { ...signed, subgraphs: urls }, databaseUrl, { runMigrations: false, onQuery, log: logger.child({ service: def.name }) });
      stops.push(() => running.stop());
      subgraphs.push(running);
      // With port 0 the real port is known only now; the gateway must call the subgraph where it listens.
      urls[def.name] = { port: Number(new URL(running.url).port), url: running.url };
      say(`${def.name.padEnd(11)} subgraph  ${running.url}`);
    }
    const gateway = await startGateway({ config: { ...signed, subgraphs: urls }, log: logger.child({ service: 'gateway' }) });
    stops.push(() => gateway.stop());
    say(`gateway                ${gateway.url}  (GraphiQL in a browser)`);
    return { databaseUrl, gateway, subgraphs, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
