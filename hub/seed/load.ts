import pg from 'pg';
import type { Row, SeedPlan } from './plan';

/**
 * Loads a seed plan in ONE transaction across the four schemas: either every table reaches the state the seed
 * files describe, or nothing changes. Rows are upserted by their natural key and only rewritten when they
 * differ, so loading the same files twice changes nothing; rows no longer in the files are removed.
 */

interface TableSpec {
  table: string;
  key: string[];
}

// Parents before children; deletions run in the reverse order.
const TABLES: TableSpec[] = [
  { table: 'territory.province', key: ['id'] },
  { table: 'territory.administrative_arrondissement', key: ['id'] },
  { table: 'territory.police_zone', key: ['id'] },
  { table: 'territory.eerstelijnszone', key: ['id'] },
  { table: 'territory.judicial_arrondissement', key: ['id'] },
  { table: 'territory.judicial_division', key: ['id'] },
  { table: 'territory.municipality', key: ['nis'] },
  { table: 'territory.former_municipality', key: ['nis'] },
  { table: 'territory.postcode', key: ['postcode', 'municipality_nis', 'locality'] },
  { table: 'territory.service_region', key: ['id'] },
  { table: 'territory.service_region_member', key: ['region_id', 'municipality_nis'] },
  { table: 'territory.unsettled_area', key: ['kind', 'municipality_nis'] },
  { table: 'legal.legal_basis', key: ['id'] },
  { table: 'legal.legal_relation', key: ['from_id', 'type', 'to_id'] },
  { table: 'partners.organisation', key: ['id'] },
  { table: 'partners.organisation_municipality', key: ['organisation_id', 'municipality_nis'] },
  { table: 'partners.site', key: ['id'] },
  { table: 'partners.post', key: ['id'] },
  { table: 'partners.agreement', key: ['id'] },
  { table: 'partners.agreement_party', key: ['agreement_id', 'position'] },
  { table: 'partners.agreement_municipality', key: ['agreement_id', 'municipality_nis'] },
  { table: 'partners.search_document', key: ['type', 'id'] },
  { table: 'instruments.case', key: ['id'] },
  { table: 'instruments.instrument', key: ['id'] },
  { table: 'instruments.serv_classification', key: ['instrument_id', 'case_id', 'principle', 'dimension'] },
  { table: 'instruments.serv_absence', key: ['id'] },
  { table: 'instruments.instrument_figure', key: ['instrument_id', 'name', 'period', 'date'] },
];

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualified = (table: string) => table.split('.').map(ident).join('.');

async function columnsOf(client: pg.ClientBase, table: string): Promise<string[]> {
  const [schema, name] = table.split('.');
  const { rows } = await client.query<{ column_name: string }>(
    // Generated and identity columns are the database's to fill.
    `SELECT column_name FROM information_schema.columns
      WHERE table_schema = $1 AND table_name = $2 AND is_generated = 'NEVER' AND identity_generation IS NULL
      ORDER BY ordinal_position`,
    [schema, name],
  );
  if (!rows.length) throw new Error(`table ${table} does not exist: run the migrations first`);
  return rows.map((r) => r.column_name);
}

/** Parents first, so a self-referencing foreign key (organisation/agreement parent_id) is satisfied row by row. */
function parentsFirst(rows: Row[]): Row[] {
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  const ordered: Row[] = [];
  const placed = new Set<string>();
  const place = (row: Row, path: Set<string>) => {
    const id = row.id as string;
    if (placed.has(id) || path.has(id)) return;
    const parent = row.parent_id ? byId.get(row.parent_id as string) : undefined;
    if (parent) place(parent, new Set([...path, id]));
    placed.add(id);
    ordered.push(row);
  };
  rows.forEach((r) => place(r, new Set()));
  return ordered;
}

export interface TableResult {
  written: number;
  removed: number;
  total: number;
}

export async function loadSeedPlan(databaseUrl: string, plan: SeedPlan): Promise<Record<string, TableResult>> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'ketenkaart-seed' });
  await client.connect();
  const results: Record<string, TableResult> = {};
  try {
    await client.query('BEGIN');
    // One seed at a time: a second `npm run seed` waits instead of interleaving its writes.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('ketenkaart-seed'))");
    for (const spec of TABLES) {
      const rows = spec.table === 'partners.organisation' || spec.table === 'partners.agreement' ? parentsFirst(plan.tables[spec.table] ?? []) : plan.tables[spec.table] ?? [];
      const columns = await columnsOf(client, spec.table);
      const nonKey = columns.filter((c) => !spec.key.includes(c));
      const t = qualified(spec.table);
      const cols = columns.map(ident).join(', ');
      const update = nonKey.length
        ? `DO UPDATE SET ${nonKey.map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`).join(', ')}
           WHERE (${nonKey.map((c) => `${t}.${ident(c)}`).join(', ')}) IS DISTINCT FROM (${nonKey.map((c) => `EXCLUDED.${ident(c)}`).join(', ')})`
        : 'DO NOTHING';
      let written = 0;
      for (let i = 0; i < rows.length; i += 500) {
        const res = await client.query(
          `INSERT INTO ${t} (${cols}) SELECT ${cols} FROM jsonb_populate_recordset(NULL::${t}, $1::jsonb)
           ON CONFLICT (${spec.key.map(ident).join(', ')}) ${update}`,
          [JSON.stringify(rows.slice(i, i + 500))],
        );
        written += res.rowCount ?? 0;
      }
      results[spec.table] = { written, removed: 0, total: rows.length };
    }
    for (const spec of [...TABLES].reverse()) {
      const t = qualified(spec.table);
      const keys = (plan.tables[spec.table] ?? []).map((row) => Object.fromEntries(spec.key.map((k) => [k, row[k] === null || row[k] === undefined ? null : String(row[k])])));
      const match = spec.key.map((k) => `k.${ident(k)} IS NOT DISTINCT FROM ${t}.${ident(k)}::text`).join(' AND ');
      const res = await client.query(
        `DELETE FROM ${t} WHERE NOT EXISTS (
           SELECT 1 FROM jsonb_to_recordset($1::jsonb) AS k(${spec.key.map((k) => `${ident(k)} text`).join(', ')}) WHERE ${match})`,
        [JSON.stringify(keys)],
      );
      results[spec.table].removed = res.rowCount ?? 0;
    }
    await client.query('COMMIT');
    return results;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}
