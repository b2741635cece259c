import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import { describeStartupError } from '../../core/process';
import { migrateAll } from '../../hub/hub';
import { startSubgraph } from '../../subgraphs/_shared/subgraph';
import { territory } from '../../subgraphs/territory/definition';
import { TEST_SERVICE_ROLE, createTestDatabase, queryRows } from '../helpers/database';
import { TEST_SIGNING_SECRET, startTestHub } from '../helpers/hub';

/**
 * Found: the services connected as the PostgreSQL superuser (embedded mode), `set_config('ketenkaart.audit_retention',
 * 'on', true)` let them delete chosen audit entries, and `prune_audit_log(0)` emptied the log. Now the services
 * connect as a role that owns nothing and may only read, change the tables editors change, append to the audit
 * log and the version journal, and prune through the function, which keeps at least 30 days.
 */

const JOURNALS = ['partners.audit_log', 'partners.record_version', 'instruments.audit_log', 'instruments.record_version'];

let hub: Awaited<ReturnType<typeof startTestHub>>;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

/** Runs `sql` as the services' role; resolves with the error message, or 'done' when PostgreSQL allowed it. */
async function asService(sql: string, params: unknown[] = []): Promise<string> {
  return queryRows(hub.serviceDatabaseUrl, sql, params).then(
    () => 'done',
    (err: Error) => err.message,
  );
}

const auditCount = async (schema: string) => (await queryRows<{ n: number }>(hub.databaseUrl, `SELECT count(*)::int AS n FROM ${schema}.audit_log`))[0].n;

describe('the services connect as a least-privilege role', () => {
  it('the subgraphs of the hub are connected as that role, not as the owner', async () => {
    // Each answers /ready with a query, so that each has a connection open (idle ones close after a while).
    for (const subgraph of hub.subgraphs) expect((await fetch(subgraph.url.replace(/\/graphql$/, '/ready'))).status).toBe(200);
    const rows = await queryRows<{ app: string; usename: string }>(
      hub.databaseUrl,
      `SELECT DISTINCT application_name AS app, usename FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'ketenkaart-%' AND application_name <> 'ketenkaart-migrate' ORDER BY 1`,
    );
    expect(rows.map((r) => r.app)).toEqual(expect.arrayContaining(['ketenkaart-instruments', 'ketenkaart-legal', 'ketenkaart-partners', 'ketenkaart-territory']));
    for (const row of rows) expect(row, row.app).toEqual({ app: row.app, usename: TEST_SERVICE_ROLE });
    expect(new URL(hub.serviceDatabaseUrl).username).toBe(TEST_SERVICE_ROLE);
  });

  it('is not a superuser, may not create roles or databases, and owns nothing', async () => {
    const [role] = await queryRows<Record<string, unknown>>(
      hub.databaseUrl,
      `SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication,
              (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS relations,
              (SELECT count(*)::int FROM pg_namespace WHERE nspowner = r.oid) AS schemas,
              (SELECT count(*)::int FROM pg_proc WHERE proowner = r.oid) AS functions,
              (SELECT count(*)::int FROM pg_type WHERE typowner = r.oid) AS types
         FROM pg_roles r WHERE rolname = $1`,
      [TEST_SERVICE_ROLE],
    );
    expect(role).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, rolreplication: false, relations: 0, schemas: 0, functions: 0, types: 0 });
  });

  it('may not UPDATE, DELETE or TRUNCATE the audit logs or the version journals', async () => {
    // Something to change: a write through the API, so every journal has an entry of the services' own.
    await queryRows(hub.databaseUrl, "INSERT INTO instruments.audit_log (role, action, target) VALUES ('ADMIN', 'WRITE', 'test:entry')");
    await queryRows(hub.databaseUrl, "INSERT INTO partners.audit_log (role, action, target) VALUES ('ADMIN', 'WRITE', 'test:entry')");
    for (const table of JOURNALS) {
      expect(await asService(`UPDATE ${table} SET role = 'ADMIN'`), table).toMatch(/permission denied/);
      expect(await asService(`DELETE FROM ${table}`), table).toMatch(/permission denied/);
      expect(await asService(`TRUNCATE ${table}`), table).toMatch(/permission denied/);
    }
  });

  it('cannot unlock a targeted DELETE with the retention setting', async () => {
    const before = await auditCount('partners');
    expect(await asService("BEGIN; SELECT set_config('ketenkaart.audit_retention', 'on', true); DELETE FROM partners.audit_log WHERE target = 'test:entry'; COMMIT;")).toMatch(/permission denied/);
    expect(await auditCount('partners')).toBe(before);
  });

  it('cannot empty the log through the retention function: below 30 days it is refused, with the reason', async () => {
    for (const schema of ['partners', 'instruments']) {
      const before = await auditCount(schema);
      expect(before).toBeGreaterThan(0);
      expect(await asService(`SELECT ${schema}.prune_audit_log(0)`)).toMatch(/audit entries are kept at least 30 days: prune_audit_log\(0\) is refused/);
      expect(await asService(`SELECT ${schema}.prune_audit_log(29)`)).toMatch(/at least 30 days/);
      expect(await asService(`SELECT ${schema}.prune_audit_log(NULL)`)).toMatch(/at least 30 days/);
      expect(await auditCount(schema)).toBe(before);
    }
  });

  it('prunes through the function with an allowed retention: only what is older', async () => {
    await queryRows(
      hub.databaseUrl,
      `INSERT INTO partners.audit_log (at, role, action, target) VALUES (now() - interval '40 days', 'ADMIN', 'WRITE', 'test:old'), (now() - interval '20 days', 'ADMIN', 'WRITE', 'test:recent')`,
    );
    const [{ removed }] = await queryRows<{ removed: number }>(hub.serviceDatabaseUrl, 'SELECT partners.prune_audit_log(30) AS removed');
    expect(removed).toBe(1);
    const left = await queryRows<{ target: string }>(hub.databaseUrl, "SELECT target FROM partners.audit_log WHERE target LIKE 'test:%' ORDER BY target");
    expect(left.map((r) => r.target)).toEqual(['test:entry', 'test:recent']);
  });

  it('appends to the journal only what is its to say: no back-dated entry, no chosen sequence number', async () => {
    expect(await asService("INSERT INTO partners.audit_log (role, action, target) VALUES ('EDITOR', 'WRITE', 'test:appended')")).toBe('done');
    expect(await asService("INSERT INTO partners.audit_log (at, role, action, target) VALUES (now() - interval '3 years', 'EDITOR', 'WRITE', 'test:backdated')")).toMatch(/permission denied/);
    expect(await asService(`INSERT INTO partners.record_version (recorded_at, entity, record_id, version, action, state) VALUES ('2000-01-01', 'ORGANISATION', 'x', 1, 'CREATED', '{}')`)).toMatch(/permission denied/);
  });

  it('may not create, alter or drop anything in a subgraph schema', async () => {
    for (const schema of ['partners', 'legal', 'territory', 'instruments']) {
      expect(await asService(`CREATE TABLE ${schema}.intruder (x int)`), schema).toMatch(/permission denied for schema/);
      expect(await asService(`CREATE FUNCTION ${schema}.intruder() RETURNS int LANGUAGE sql AS 'SELECT 1'`), schema).toMatch(/permission denied for schema/);
    }
    expect(await asService('ALTER TABLE partners.audit_log DISABLE TRIGGER audit_log_append_only')).toMatch(/must be owner/);
    expect(await asService('DROP TRIGGER audit_log_append_only ON partners.audit_log')).toMatch(/must be owner/);
    expect(await asService('CREATE OR REPLACE FUNCTION partners.prune_audit_log(retention_days integer) RETURNS bigint LANGUAGE sql AS $$ SELECT 0::bigint $$')).toMatch(/must be owner|permission denied/);
    expect(await asService('DROP TABLE territory.municipality')).toMatch(/must be owner/);
    // What only the seed writes is read-only to the services.
    expect(await asService("UPDATE territory.municipality SET name = 'x'")).toMatch(/permission denied/);
    expect(await asService('DELETE FROM legal.legal_basis')).toMatch(/permission denied/);
  });

  it('keeps the trigger closed to any role but the owner, even one granted DELETE by mistake, and through a shadowing temporary pg_class', async () => {
    // The grants are the first line; the trigger must hold on its own. A role that may DELETE (a misgrant) is not
    // the owner, and a temporary table named pg_class (pg_temp comes first for relations) does not make it one.
    const probe = `kk_probe_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: hub.databaseUrl });
    await client.connect();
    try {
      await client.query(`CREATE ROLE ${probe}; GRANT USAGE ON SCHEMA partners TO ${probe}; GRANT SELECT, DELETE ON partners.audit_log TO ${probe}; GRANT TEMPORARY ON DATABASE ${client.database} TO ${probe}`);
      await client.query(`SET ROLE ${probe}`);
      await client.query('BEGIN');
      await client.query("SELECT set_config('ketenkaart.audit_retention', 'on', true)");
      await expect(client.query("DELETE FROM partners.audit_log WHERE target = 'test:entry'")).rejects.toThrow(/append-only: DELETE is not allowed/);
      await client.query('ROLLBACK');
      await client.query('CREATE TEMPORARY TABLE pg_class (oid oid, relowner oid)');
      await client.query(`INSERT INTO pg_temp.pg_class SELECT 'partners.audit_log'::regclass, oid FROM pg_catalog.pg_roles WHERE rolname = current_user`);
      await client.query('BEGIN');
      await client.query("SELECT set_config('ketenkaart.audit_retention', 'on', true)");
      await expect(client.query("DELETE FROM partners.audit_log WHERE target = 'test:entry'")).rejects.toThrow(/append-only: DELETE is not allowed/);
      await client.query('ROLLBACK');
    } finally {
      await client.query('RESET ROLE').catch(() => undefined);
      await client.query(`DISCARD TEMP; DROP OWNED BY ${probe}; DROP ROLE ${probe}`).catch(() => undefined);
      await client.end();
    }
    // And the owner itself, without the function, is refused as before: "whoever asks".
    await expect(queryRows(hub.databaseUrl, "DELETE FROM partners.audit_log WHERE target = 'test:entry'")).rejects.toThrow(/append-only/);
  });

  it('re-applies exactly its grants on every migrate: a privilege granted by hand is taken back', async () => {
    await queryRows(hub.databaseUrl, `GRANT DELETE, TRUNCATE ON partners.audit_log TO ${TEST_SERVICE_ROLE}; GRANT CREATE ON SCHEMA partners TO ${TEST_SERVICE_ROLE}`);
    await migrateAll(hub.databaseUrl, { serviceUrl: hub.serviceDatabaseUrl });
    const [grants] = await queryRows<Record<string, boolean>>(
      hub.databaseUrl,
      `SELECT has_table_privilege($1, 'partners.audit_log', 'DELETE') AS delete, has_table_privilege($1, 'partners.audit_log', 'TRUNCATE') AS truncate,
              has_schema_privilege($1, 'partners', 'CREATE') AS create, has_table_privilege($1, 'partners.audit_log', 'INSERT') AS insert,
              has_table_privilege($1, 'partners.organisation', 'UPDATE') AS write, has_function_privilege($1, 'partners.prune_audit_log(integer)', 'EXECUTE') AS prune,
              has_function_privilege('public', 'partners.prune_audit_log(integer)', 'EXECUTE') AS prune_by_anyone`,
      [TEST_SERVICE_ROLE],
    );
    expect(grants).toEqual({ delete: false, truncate: false, create: false, insert: false, write: true, prune: true, prune_by_anyone: false });
    // Column-level INSERT only: a table-wide INSERT privilege would let it choose `at`.
    const [{ n }] = await queryRows<{ n: number }>(hub.databaseUrl, `SELECT count(*)::int AS n FROM information_schema.column_privileges WHERE grantee = $1 AND table_schema = 'partners' AND table_name = 'audit_log' AND privilege_type = 'INSERT'`, [TEST_SERVICE_ROLE]);
    expect(n).toBe(7);
  });
});

describe('a service does not migrate', () => {
  const config = () =>
    loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET, TERRITORY_PORT: '0', DATABASE_URL: hub.serviceDatabaseUrl });

  it('refuses to start with a pending migration, with one clear message that says what to run', async () => {
    // The code one release ahead of the database: a migration the migrate step has not applied yet.
    class Future1799999999999 {
      name = 'Future1799999999999';
      async up(): Promise<void> {}
      async down(): Promise<void> {}
    }
    const ahead = { ...territory, migrations: [...(territory.migrations as Function[]), Future1799999999999] };
    const failure = await startSubgraph(ahead, { ...config(), signingSecret: TEST_SIGNING_SECRET }, hub.serviceDatabaseUrl).then(
      (running) => running.stop().then(() => null),
      (err: unknown) => err,
    );
    expect(failure).toMatchObject({ userFacing: true });
    const message = describeStartupError(failure);
    expect(message).toMatch(/the territory subgraph cannot start: 1 migration of its schema "territory" is not applied \(Future1799999999999\)/);
    expect(message).toMatch(/node dist\/hub\/seed-cli\.js.*DATABASE_OWNER_URL/);
    expect(message).not.toMatch(/\n\s+at /);
    // Nothing was applied on its behalf.
    expect(await queryRows(hub.databaseUrl, "SELECT 1 FROM territory.migrations WHERE name = 'Future1799999999999'")).toEqual([]);
  });

  it('refuses to start on a database that was never migrated', async () => {
    const empty = await createTestDatabase({ migrate: false });
    try {
      const failure = await startSubgraph(territory, { ...config(), signingSecret: TEST_SIGNING_SECRET }, empty.serviceUrl).then(
        (running) => running.stop().then(() => null),
        (err: unknown) => err,
      );
      expect(failure).toMatchObject({ userFacing: true, message: expect.stringMatching(/its schema "territory" has not been migrated.*seed-cli/) });
      expect(await queryRows(empty.url, "SELECT 1 FROM pg_namespace WHERE nspname = 'territory'")).toEqual([]);
    } finally {
      await empty.drop();
    }
  });
});

describe('the migrate step', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = `kk_owner_${suffix}`;
  const service = `kk_service_${suffix}`;
  const database = `kk_owned_${suffix}`;
  const urlOf = (user: string, password: string, db = database) => {
    const url = new URL(hub.databaseUrl);
    url.username = user;
    url.password = password;
    url.pathname = `/${db}`;
    return url.toString();
  };
  const asSuperuser = (sql: string) => queryRows(hub.databaseUrl, sql);

  beforeAll(async () => {
    // An owner as a managed PostgreSQL gives one: not a superuser, may not create roles, owns its database.
    await asSuperuser(`CREATE ROLE ${owner} LOGIN PASSWORD 'owner-pw'`);
    await asSuperuser(`CREATE DATABASE ${database} OWNER ${owner}`);
  });
  afterAll(async () => {
    await asSuperuser(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    for (const role of [service, owner, `${service}_member`]) await asSuperuser(`DROP ROLE IF EXISTS ${role}`);
  });

  it('asks for the services\' role to be created when the owner may not create roles, naming what to run', async () => {
    const failure = await migrateAll(urlOf(owner, 'owner-pw'), { serviceUrl: urlOf(service, 'service-pw') }).then(() => null, (err: unknown) => err);
    expect(failure).toMatchObject({ userFacing: true });
    expect((failure as Error).message).toMatch(new RegExp(`the role "${service}" in DATABASE_URL .* does not exist, and the owner role "${owner}" of DATABASE_OWNER_URL may not create roles.*CREATE ROLE "${service}" LOGIN`));
  });

  it('migrates as an owner that is not a superuser, and grants to a role an administrator made', async () => {
    await asSuperuser(`CREATE ROLE ${service} LOGIN PASSWORD 'service-pw'`);
    await migrateAll(urlOf(owner, 'owner-pw'), { serviceUrl: urlOf(service, 'service-pw') });
    const serviceUrl = urlOf(service, 'service-pw');
    const [owners] = await queryRows<{ owners: string[] }>(urlOf(owner, 'owner-pw'), "SELECT array_agg(DISTINCT relowner::regrole::text) AS owners FROM pg_class WHERE relnamespace::regnamespace::text IN ('partners', 'legal', 'territory', 'instruments')");
    expect(owners.owners).toEqual([owner]);
    expect(await queryRows(serviceUrl, 'SELECT count(*)::int AS n FROM partners.audit_log')).toEqual([{ n: 0 }]);
    await expect(queryRows(serviceUrl, 'SELECT partners.prune_audit_log(30) AS n')).resolves.toEqual([{ n: 0 }]);
    await expect(queryRows(serviceUrl, 'DELETE FROM partners.audit_log')).rejects.toThrow(/permission denied/);
    await expect(queryRows(serviceUrl, 'SELECT partners.prune_audit_log(1)')).rejects.toThrow(/at least 30 days/);
  });

  it('refuses a services\' role that could act as the owner', async () => {
    await asSuperuser(`CREATE ROLE ${service}_member LOGIN PASSWORD 'member-pw' IN ROLE ${owner}`);
    const failure = await migrateAll(urlOf(owner, 'owner-pw'), { serviceUrl: urlOf(`${service}_member`, 'member-pw') }).then(() => null, (err: unknown) => err);
    expect(failure).toMatchObject({ userFacing: true, message: expect.stringMatching(new RegExp(`is a member of the owner role "${owner}".*could alter the audit trail`)) });
  });

  it('tells a service that its role was not granted the schema yet, instead of failing on a permission error', async () => {
    const single = await createTestDatabase({ migrate: false });
    try {
      // Migrated with one role only: nobody was granted anything.
      await migrateAll(single.url);
      const failure = await startSubgraph(territory, { ...loadConfig({ NODE_ENV: 'test', SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET, TERRITORY_PORT: '0' }), signingSecret: TEST_SIGNING_SECRET }, single.serviceUrl).then(
        (running) => running.stop().then(() => null),
        (err: unknown) => err,
      );
      expect(failure).toMatchObject({ userFacing: true, message: expect.stringMatching(/may not read the schema "territory": the migrate step grants it/) });
    } finally {
      await single.drop();
    }
  });
});
