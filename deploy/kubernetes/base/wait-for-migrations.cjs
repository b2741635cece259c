'use strict';
/**
 * The init container of every subgraph pod: waits until the migrate Job (node dist/hub/seed-cli.js) has done its
 * work for this image. A subgraph refuses to start on a schema older than its code (and would crash-loop, with a
 * back-off that grows to 5 minutes, until the Job is done); and none should answer from an empty registry while
 * the first seed is loading. "Done" is read from the database, as the services' own role, so it needs no
 * Kubernetes API access (no RBAC):
 *
 *   1. every migration of every subgraph in this image is recorded in "<schema>".migrations, which the
 *      services' role may read (the Job grants it after migrating), and
 *   2. the seed has committed at least once (it loads everything in one transaction, so any organisation means
 *      all of it).
 *
 * It runs in the application image (node, /app/node_modules, /app/dist) and reads DATABASE_URL, as the
 * subgraph does. It lives in deploy/ and reaches the pod as a ConfigMap, because the image has no such command.
 *
 *   node wait-for-migrations.cjs [--once] [--app /app] [--interval-ms 2000] [--timeout-ms 900000]
 *
 * --once checks once: exit 0 when done, 1 when not (what the tests use).
 */
const { createRequire } = require('node:module');
const path = require('node:path');

/** The migrations the image has: `[{ schema, names }]`, from the subgraph definitions in dist/. */
function expectedMigrations(subgraphs) {
  return subgraphs.map((def) => ({
    schema: def.schema,
    names: def.migrations.map((Migration) => new Migration().name ?? Migration.name),
  }));
}

/** What is still missing, as sentences; empty when the Job is done. `client` is a connected pg.Client. */
async function missing(client, subgraphs) {
  const problems = [];
  for (const { schema, names } of expectedMigrations(subgraphs)) {
    // From the catalog: naming a table in a schema the role may not use yet would be an error, not a NULL.
    const table = await client.query(
      `SELECT c.oid IS NOT NULL AS migrated,
              COALESCE(has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT'), false) AS granted
         FROM (SELECT 1) one
         LEFT JOIN pg_namespace n ON n.nspname = $1
         LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = 'migrations'`,
      [schema],
    );
    if (!table.rows[0].migrated) {
      problems.push(`schema ${schema}: not migrated yet`);
      continue;
    }
    if (!table.rows[0].granted) {
      problems.push(`schema ${schema}: migrated, not granted to this role yet`);
      continue;
    }
    const { rows } = await client.query(`SELECT name FROM "${schema}".migrations`);
    const applied = new Set(rows.map((r) => r.name));
    const pending = names.filter((n) => !applied.has(n));
    if (pending.length) problems.push(`schema ${schema}: ${pending.length} migration(s) pending (${pending.join(', ')})`);
  }
  if (!problems.length) {
    const { rows } = await client.query('SELECT EXISTS (SELECT 1 FROM partners.organisation) AS seeded');
    // (The Job grants the services' role before it loads the seed: this table is readable by now.)
    if (!rows[0].seeded) problems.push('the seed has not been loaded yet');
  }
  return problems;
}

function option(args, name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}

async function main(args) {
  const appDir = path.resolve(option(args, '--app', '/app'));
  const once = args.includes('--once');
  const intervalMs = Number(option(args, '--interval-ms', '2000'));
  const timeoutMs = Number(option(args, '--timeout-ms', '900000'));
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('wait-for-migrations: DATABASE_URL is not set');
    return 2;
  }
  // The image's own dependencies and build: this file is mounted outside /app.
  const appRequire = createRequire(path.join(appDir, 'package.json'));
  const pg = appRequire('pg');
  const { SUBGRAPHS } = appRequire('./dist/subgraphs/index.js');
  const until = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    let problems;
    const client = new pg.Client({ connectionString: url, application_name: 'ketenkaart-wait', connectionTimeoutMillis: 5000 });
    client.on('error', () => undefined);
    try {
      try {
        await client.connect();
      } catch (err) {
        throw Object.assign(new Error(`database not reachable (${err.code ?? err.message})`), { reported: true });
      }
      problems = await missing(client, SUBGRAPHS);
    } catch (err) {
      // A failed query (a grant being changed, a failover): say what, and try again.
      problems = [err.reported ? err.message : `check failed (${err.code ?? ''} ${err.message})`];
    } finally {
      await client.end().catch(() => undefined);
    }
    if (!problems.length) {
      console.log('wait-for-migrations: migrations applied and seed loaded');
      return 0;
    }
    const now = problems.join('; ');
    if (now !== last) console.log(`wait-for-migrations: waiting for the migrate Job: ${now}`);
    last = now;
    if (once) return 1;
    if (Date.now() > until) {
      console.error(`wait-for-migrations: gave up after ${timeoutMs} ms: ${now}`);
      return 1;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

module.exports = { expectedMigrations, missing, main };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
