import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { migrateAll } from '../../hub/hub';
import { seed } from '../../hub/seed';

/**
 * The services' role in the tests, as the embedded default has its own (hub/embedded-database.ts): created by the
 * first migrate step on the run's server, shared by every test database (roles are the whole server's), granted
 * per database. Not the compose file's role name, which the split-deployment test creates with compose's password.
 */
export const TEST_SERVICE_ROLE = 'ketenkaart_test_service';
const TEST_SERVICE_PASSWORD = 'ketenkaart-test-service';

/** `url` with the test services' role instead of the owner. */
export function asServiceRole(url: string): string {
  const service = new URL(url);
  service.username = TEST_SERVICE_ROLE;
  service.password = TEST_SERVICE_PASSWORD;
  return service.toString();
}

/**
 * A fresh database of its own for one test file, on the run's PostgreSQL server: `url` as the owner (migrations,
 * seed, fixtures), `serviceUrl` as the services' least-privilege role, which the migrate step grants what it needs.
 */
export async function createTestDatabase(opts: { migrate?: boolean; seed?: boolean } = {}): Promise<{ url: string; serviceUrl: string; drop(): Promise<void> }> {
  const serverUrl = inject('postgresUrl');
  const name = `kk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const serviceUrl = asServiceRole(url.toString());
  if (opts.migrate !== false) await migrateAll(url.toString(), { serviceUrl });
  if (opts.seed) await seed(url.toString());
  return {
    url: url.toString(),
    serviceUrl,
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function queryRows<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
