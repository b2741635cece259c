import 'reflect-metadata';
import pg from 'pg';
import { DataSource, type MixedList } from 'typeorm';
import type { Logger } from '../../core/logger';
import { databaseOutage } from './database-outage';
import { NONCE_TABLE } from './auth/nonce-store';

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

/**
 * Least privilege in the database (docs/security.md, "Database roles"): the migrate step runs as the owner role,
 * the services connect as a runtime role that owns nothing. These are the tables each service changes (its write
 * paths: subgraphs/<name>/editing); every other table of its schema it only reads. The seed load runs as the
 * owner, so what only the seed writes (territory, legal bases, cases, …) is read-only to the services.
 * A new write path to another table needs its table here.
 */
export const SERVICE_WRITES: Readonly<Record<string, readonly string[]>> = {
  partners: ['organisation', 'organisation_municipality', 'site', 'post', 'post_holder', 'agreement', 'agreement_party', 'agreement_municipality', 'search_document'],
  instruments: ['instrument', 'serv_classification'],
};

/**
 * The journal (subgraphs/_shared/journal/ddl.ts): the services only append, and only the columns that are
 * theirs to say; the database stamps sequence and time, so no entry can be back-dated.
 */
const APPEND_ONLY: Readonly<Record<string, readonly string[]>> = {
  audit_log: ['seq', 'at'],
  record_version: ['seq', 'recorded_at'],
};

const userFacing = (message: string) => Object.assign(new Error(message), { userFacing: true });

export interface ServiceRole {
  name: string;
  /** False when the services connect as the owner role itself (no DATABASE_OWNER_URL): no grants to make. */
  separate: boolean;
  owner: string;
}

/**
 * Makes sure the runtime role named in `serviceUrl` exists and may connect, as the owner role of `ownerUrl`:
 * created (LOGIN, with the URL's password) when it is missing and the owner may create roles, and refused when
 * it could get round the grants (a superuser, a member of the owner role, the owner of objects).
 */
export async function prepareServiceRole(ownerUrl: string, serviceUrl: string): Promise<ServiceRole> {
  const given = new URL(serviceUrl);
  const name = decodeURIComponent(given.username);
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'ketenkaart-migrate' });
  await client.connect();
  try {
    const [owner] = (await client.query('SELECT current_user AS name, current_database() AS database, rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user')).rows;
    if (!name || name === owner.name) return { name: name || owner.name, separate: false, owner: owner.name };
    const database = decodeURIComponent(given.pathname.replace(/^\//, ''));
    if (database && database !== owner.database) {
      throw userFacing(`DATABASE_URL names the database "${database}", DATABASE_OWNER_URL the database "${owner.database}": both must name the same database (the services' role and the owner role of it).`);
    }
    const role = () => client.query('SELECT oid, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, pg_has_role(rolname, current_user, \'MEMBER\') AS owner_member FROM pg_roles WHERE rolname = $1', [name]);
    let [found] = (await role()).rows;
    if (!found) {
      if (!owner.rolsuper && !owner.rolcreaterole) {
        throw userFacing(
          `the role "${name}" in DATABASE_URL (the services' role) does not exist, and the owner role "${owner.name}" of DATABASE_OWNER_URL may not create roles. ` +
            `Create it as a database administrator (CREATE ROLE ${pg.escapeIdentifier(name)} LOGIN PASSWORD '…'), then run the migrate step again.`,
        );
      }
      const password = decodeURIComponent(given.password);
      try {
        await client.query(`CREATE ROLE ${pg.escapeIdentifier(name)} LOGIN${password ? ` PASSWORD ${pg.escapeLiteral(password)}` : ''}`);
      } catch (err) {
        // Roles belong to the whole cluster: another migrate step (another database, a parallel test file) may
        // have created it a moment ago. duplicate_object, or the unique index when both were at it at once.
        const code = (err as { code?: string }).code;
        if (code !== '42710' && code !== '23505') throw err;
      }
      [found] = (await role()).rows;
    }
    if (found.rolsuper || found.rolbypassrls || found.owner_member) {
      const why = found.rolsuper ? 'is a superuser' : found.rolbypassrls ? 'bypasses row security' : `is a member of the owner role "${owner.name}"`;
      throw userFacing(
        `the role "${name}" in DATABASE_URL ${why}, so grants would not limit the services: it could alter the audit trail. ` +
          'Give the services a role of their own (no superuser, not a member of the owner role), or leave DATABASE_OWNER_URL unset to run with one role knowingly.',
      );
    }
    const { rows: owned } = await client.query(
      `SELECT kind || ' ' || name AS what FROM (
         SELECT 'schema' AS kind, nspname::text AS name FROM pg_namespace WHERE nspowner = $1
         UNION ALL SELECT 'relation', n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relowner = $1
         UNION ALL SELECT 'function', n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.proowner = $1) o
       ORDER BY 1 LIMIT 6`,
      [found.oid],
    );
    if (owned.length) {
      throw userFacing(
        `the role "${name}" in DATABASE_URL owns ${owned.map((o) => o.what).join(', ')}${owned.length > 5 ? ', …' : ''} in this database: an owner may change or drop what it owns, the audit trail included. ` +
          `Hand them to the owner role first (as it, or a superuser: REASSIGN OWNED BY ${pg.escapeIdentifier(name)} TO ${pg.escapeIdentifier(owner.name)}), then run the migrate step again.`,
      );
    }
    await client.query(`GRANT CONNECT ON DATABASE ${pg.escapeIdentifier(owner.database)} TO ${pg.escapeIdentifier(name)}`);
    return { name, separate: true, owner: owner.name };
  } finally {
    await client.end();
  }
}

/**
 * Gives the services' role exactly what it needs in one schema, and nothing else: it reads every table, changes
 * the tables of SERVICE_WRITES, appends to the journal, may run the retention function, may not create anything.
 * Run by the owner on every migrate, after the migrations, in one transaction (running services keep their
 * rights throughout), so new tables get their grants and removed privileges stay removed.
 */
export async function grantServiceRole(dataSource: DataSource, schema: string, role: string): Promise<void> {
  const r = pg.escapeIdentifier(role);
  const s = pg.escapeIdentifier(schema);
  const tables: Array<{ name: string; columns: string[] }> = await dataSource.query(
    `SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') GROUP BY c.relname`,
    [schema],
  );
  const names = new Set(tables.map((t) => t.name));
  // Every service claims the nonces of the signed requests it answers (auth/nonce-store.ts).
  const writes = [...(SERVICE_WRITES[schema] ?? []), NONCE_TABLE];
  const missing = writes.filter((t) => !names.has(t));
  if (missing.length) throw new Error(`SERVICE_WRITES names tables that ${schema} does not have: ${missing.join(', ')}`);
  const [prune] = await dataSource.query(`SELECT to_regprocedure($1) IS NOT NULL AS exists`, [`${schema}.prune_audit_log(integer)`]);
  const statements = [
    `REVOKE ALL ON SCHEMA ${s} FROM ${r}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${r}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${s} FROM ${r}`,
    `REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ${s} FROM ${r}`,
    `GRANT USAGE ON SCHEMA ${s} TO ${r}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA ${s} TO ${r}`,
    `GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`,
    ...writes.map((t) => `GRANT INSERT, UPDATE, DELETE ON ${s}.${pg.escapeIdentifier(t)} TO ${r}`),
    ...tables
      .filter((t) => APPEND_ONLY[t.name])
      .map((t) => `GRANT INSERT (${t.columns.filter((c) => !APPEND_ONLY[t.name].includes(c)).map((c) => pg.escapeIdentifier(c)).join(', ')}) ON ${s}.${pg.escapeIdentifier(t.name)} TO ${r}`),
    ...(prune.exists ? [`GRANT EXECUTE ON FUNCTION ${s}.prune_audit_log(integer) TO ${r}`] : []),
    // Tables the owner adds between two migrate runs are readable at once; writes stay an explicit grant.
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT ON TABLES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE ON SEQUENCES TO ${r}`,
  ];
  await dataSource.transaction(async (tx) => {
    for (const sql of statements) await tx.query(sql);
  });
}

/** The migrations of `dataSource` not yet recorded in the schema's migrations table; null: never migrated. */
export async function pendingMigrations(dataSource: DataSource, schema: string): Promise<string[] | null> {
  const [state] = await dataSource.query(
    `SELECT has_schema_privilege(n.oid, 'USAGE') AS usable,
            EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid AND c.relname = 'migrations') AS migrated
       FROM pg_namespace n WHERE n.nspname = $1`,
    [schema],
  );
  if (!state?.migrated) return null;
  const notGranted = userFacing(
    `the role this service connects as may not read the schema "${schema}": the migrate step grants it. Run it (\`node dist/hub/seed-cli.js\` with DATABASE_OWNER_URL and this DATABASE_URL) first.`,
  );
  if (!state.usable) throw notGranted;
  const rows: Array<{ name: string }> = await dataSource.query(`SELECT name FROM ${pg.escapeIdentifier(schema)}.migrations`).catch((err) => {
    throw (err as { code?: string }).code === '42501' ? notGranted : err;
  });
  const applied = new Set(rows.map((row) => row.name));
  return dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
}

/** Whether the connected role could get round the grants: a superuser, or the owner (or a member of it) of the schema. */
export async function connectsWithOwnerRights(dataSource: DataSource, schema: string): Promise<{ role: string; why: string } | null> {
  const [row] = await dataSource.query(
    `SELECT current_user AS role, r.rolsuper AS superuser, n.nspowner IS NOT NULL AND pg_has_role(current_user, n.nspowner, 'MEMBER') AS owner
       FROM pg_roles r LEFT JOIN pg_namespace n ON n.nspname = $1 WHERE r.rolname = current_user`,
    [schema],
  );
  if (row?.superuser) return { role: row.role, why: 'a superuser' };
  if (row?.owner) return { role: row.role, why: `the owner of the schema "${schema}"` };
  return null;
}
