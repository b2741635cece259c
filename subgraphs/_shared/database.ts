import 'reflect-metadata';
import pg from 'pg';
import { DataSource, type MixedList } from 'typeorm';
import type { Logger } from '../../core/logger';
import { databaseOutage } from './database-outage';

// PostgreSQL `date` values are calendar dates, not instants: keep them as 'YYYY-MM-DD' strings so that no time
// zone can shift a validity date by a day.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint counts are small in this domain; numbers are what GraphQL Int/Float expect.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export interface SubgraphDatabaseOptions {
  /** The PostgreSQL schema this subgraph owns; nothing else writes to it. */
  schema: string;
  url: string;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  poolSize?: number;
  logger?: Logger;
  /** Called with each SQL statement; tests use it to count statements. */
  onQuery?: (sql: string) => void;
  /**
   * A service's limit for one statement (also when PostgreSQL itself stalls: the client gives up too), for
   * waiting on a lock and for getting a connection. Unset for migrations and the seed load, which take longer.
   */
  statementTimeoutMs?: number;
}

export function createDataSource(options: SubgraphDatabaseOptions): DataSource {
  const { onQuery, logger } = options;
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    // Never let the ORM change the schema on its own: every change is a reviewed migration.
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: options.poolSize ?? 10,
      application_name: `ketenkaart-${options.schema}`,
      ...(options.statementTimeoutMs
        ? {
            statement_timeout: options.statementTimeoutMs,
            lock_timeout: options.statementTimeoutMs,
            // Client side too: a stalled server never gets to cancel a statement itself.
            query_timeout: options.statementTimeoutMs,
            connectionTimeoutMillis: options.statementTimeoutMs,
            idle_in_transaction_session_timeout: 2 * options.statementTimeoutMs,
          }
        : {}),
    },
    logging: onQuery ? ['query'] : ['error'],
    logger: {
      logQuery: (query) => onQuery?.(query),
      // An outage is the operator's to see, not a bug: the request that met it says so (UNAVAILABLE).
      logQueryError: (error, query) => (databaseOutage(error) ? logger?.warn({ err: error, query }, 'query failed: database unavailable') : logger?.error({ err: error, query }, 'query failed')),
      logQuerySlow: (time, query) => logger?.warn({ time, query }, 'slow query'),
      logSchemaBuild: () => undefined,
      logMigration: (message) => logger?.info(message),
      log: (level, message) => (level === 'warn' ? logger?.warn(message) : logger?.debug(message)),
    },
  });
}

/** Creates the subgraph's own schema (migrations table included) and applies pending migrations. */
export async function migrate(dataSource: DataSource, schema: string): Promise<string[]> {
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
