import pg from 'pg';
import type { Row, SeedPlan } from './plan';
import { sortedJson } from '../../core/sorted-json';

/**
 * Loads a seed plan in ONE transaction across the four schemas: either every table reaches the state the seed
 * files describe, or nothing changes. Rows are upserted by their natural key and only rewritten when they
 * differ, so loading the same files twice changes nothing; rows no longer in the files are removed.
 *
 * Editors keep the registry current between loads, so the seed files are not the last word on everything:
 * - a record an editor has written (origin EDITOR) and the rows that belong to it are left alone, neither
 *   overwritten nor removed;
 * - the seed writes the editable records as editors do: a new version, in history and in the change feed.
 */

interface TableSpec {
  table: string;
  key: string[];
  /** For editable records: the record type the journal names them by. */
  journal?: { type: string; schema: 'partners' | 'instruments'; state: string };
  /** For rows of an editable record: SQL true when the row (alias x) belongs to a record an editor wrote. */
  edited?: string;
}

const editedRecord = (table: string, idExpression: string) => `EXISTS (SELECT 1 FROM ${table} e WHERE e.id = ${idExpression} AND e.origin = 'EDITOR')`;

/** The bookkeeping columns of editable records belong to the editing layer: the seed never writes them directly. */
const BOOKKEEPING = new Set(['version', 'origin', 'confirmed_on']);

/** A record's state in history, built in SQL like the editors' (camelCase keys below, the agreement text withheld). */
const RECORD_STATE = "(to_jsonb(r) - 'origin' - 'confirmed_on')";
const AGREEMENT_STATE = `(${RECORD_STATE} - 'text') || jsonb_build_object('hasText', r.text IS NOT NULL, 'parties',
  COALESCE((SELECT jsonb_agg(jsonb_build_object('organisationId', p.organisation_id, 'partyKind', p.party_kind, 'role', p.role, 'sources', p.sources) ORDER BY p.position)
    FROM partners.agreement_party p WHERE p.agreement_id = r.id), '[]'::jsonb))`;
const INSTRUMENT_STATE = `${RECORD_STATE} || jsonb_build_object('classifications',
  COALESCE((SELECT jsonb_agg(jsonb_build_object('principle', c.principle, 'dimension', c.dimension, 'caseId', c.case_id, 'sources', c.sources) ORDER BY c.seq)
    FROM instruments.serv_classification c WHERE c.instrument_id = r.id), '[]'::jsonb))`;

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
  {
    table: 'partners.organisation', key: ['id'],
    journal: { type: 'ORGANISATION', schema: 'partners', state: RECORD_STATE },
    edited: editedRecord('partners.organisation', 'x.id'),
  },
  { table: 'partners.organisation_municipality', key: ['organisation_id', 'municipality_nis'], edited: editedRecord('partners.organisation', 'x.organisation_id') },
  {
    table: 'partners.site', key: ['id'],
    journal: { type: 'SITE', schema: 'partners', state: RECORD_STATE },
    edited: editedRecord('partners.site', 'x.id'),
  },
  {
    table: 'partners.post', key: ['id'],
    journal: { type: 'POST', schema: 'partners', state: RECORD_STATE },
    edited: editedRecord('partners.post', 'x.id'),
  },
  { table: 'partners.post_municipality', key: ['post_id', 'municipality_nis'], edited: editedRecord('partners.post', 'x.post_id') },
  { table: 'partners.agreement', key: ['id'], journal: { type: 'AGREEMENT', schema: 'partners', state: AGREEMENT_STATE }, edited: editedRecord('partners.agreement', 'x.id') },
  { table: 'partners.agreement_party', key: ['agreement_id', 'position'], edited: editedRecord('partners.agreement', 'x.agreement_id') },
  { table: 'partners.agreement_municipality', key: ['agreement_id', 'municipality_nis'], edited: editedRecord('partners.agreement', 'x.agreement_id') },
  { table: 'partners.organisation_succession', key: ['predecessor_id', 'successor_id'] },
  { table: 'partners.kind_helpline', key: ['kind', 'organisation_id'] },
  { table: 'partners.phenomenon', key: ['id'] },
  { table: 'partners.partner_term', key: ['id'] },
  { table: 'partners.search_document', key: ['type', 'id'], edited: `x.type = 'ORGANISATION' AND ${editedRecord('partners.organisation', 'x.id')}` },
  { table: 'instruments.case', key: ['id'] },
  {
    table: 'instruments.instrument', key: ['id'],
    journal: { type: 'INSTRUMENT', schema: 'instruments', state: INSTRUMENT_STATE },
    edited: editedRecord('instruments.instrument', 'x.id'),
  },
  { table: 'instruments.serv_classification', key: ['instrument_id', 'case_id', 'principle', 'dimension'], edited: editedRecord('instruments.instrument', 'x.instrument_id') },
  { table: 'instruments.serv_absence', key: ['id'] },
  { table: 'instruments.instrument_figure', key: ['instrument_id', 'name', 'period', 'date'] },
  { table: 'instruments.instrument_relation', key: ['from_id', 'type', 'to_id'] },
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
  return rows.map((r) => r.column_name).filter((c) => !BOOKKEEPING.has(c));
}

const camelCase = (key: string) => key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());


/**
 * Journals what the load did to the editable records of one table, as an editor's write would be: each seeded
 * record whose state differs from its last journaled one gets a new version (CREATED, or CHANGED), and each the
 * files no longer contain is journaled REMOVED. The state includes the rows that belong to the record (an
 * agreement's parties, an instrument's classifications), so a change there is a change of the record.
 */
async function journalSeedChanges(client: pg.ClientBase, spec: TableSpec, removed: string[]): Promise<number> {
  const journal = spec.journal!;
  const history = `${journal.schema}.record_version`;
  const { rows } = await client.query<{ id: string; state: Record<string, unknown>; last: Record<string, unknown> | null; lastAction: string | null; lastVersion: number }>(
    `SELECT r.id, ${journal.state} AS state, h.state AS last, h.action AS "lastAction", COALESCE(h.version, 0) AS "lastVersion"
       FROM ${qualified(spec.table)} r
       LEFT JOIN LATERAL (SELECT state, action, version FROM ${history} WHERE entity = $1 AND record_id = r.id ORDER BY version DESC LIMIT 1) h ON true
      WHERE r.origin = 'SEED'`,
    [journal.type],
  );
  const entries: Array<{ record_id: string; version: number; action: string; organisation_ids: string[]; state: unknown }> = [];
  for (const row of rows) {
    const state = Object.fromEntries(Object.entries(row.state).map(([k, v]) => [camelCase(k), v]));
    const known = row.last !== null && row.lastAction !== 'REMOVED';
    if (known && sortedJson({ ...state, version: 0 }) === sortedJson({ ...row.last, version: 0 })) continue;
    const version = row.lastVersion + 1;
    entries.push({ record_id: row.id, version, action: known ? 'CHANGED' : 'CREATED', organisation_ids: ownersOf(journal.type, state), state: { ...state, version } });
  }
  await client.query(
    `UPDATE ${qualified(spec.table)} r SET version = e.version FROM jsonb_to_recordset($1::jsonb) AS e(record_id text, version integer) WHERE r.id = e.record_id`,
    [JSON.stringify(entries)],
  );
  await client.query(
    `INSERT INTO ${history} (entity, record_id, version, action, organisation_ids, state, subject, role)
     SELECT $1, e.record_id, e.version, e.action, e.organisation_ids, e.state, 'seed', 'SEED'
       FROM jsonb_to_recordset($2::jsonb) AS e(record_id text, version integer, action text, organisation_ids text[], state jsonb)`,
    [journal.type, JSON.stringify(entries)],
  );
  await client.query(
    `INSERT INTO ${history} (entity, record_id, version, action, state, subject, role)
     SELECT $1, id, COALESCE((SELECT max(version) FROM ${history} WHERE entity = $1 AND record_id = id), 0) + 1, 'REMOVED', '{}'::jsonb, 'seed', 'SEED'
       FROM unnest($2::text[]) AS id`,
    [journal.type, removed],
  );
  return entries.length + removed.length;
}

/** Whose record it is, as the editing layer says (RecordSpec.owners). */
function ownersOf(type: string, state: Record<string, unknown>): string[] {
  switch (type) {
    case 'ORGANISATION':
      return [state.id as string];
    case 'POST':
      return [state.organisationId as string];
    case 'AGREEMENT':
      return [...new Set((state.parties as Array<{ organisationId: string | null }>).map((p) => p.organisationId).filter((id): id is string => Boolean(id)))];
    default:
      return (state.partnerIds as string[]) ?? [];
  }
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
  /** Rows left as an editor wrote them. */
  kept?: number;
  /** Versions journaled (editable records only). */
  versions?: number;
}

/** What pg and Node report when the server or the network goes away; anything else is a problem of the load itself. */
export function isConnectionLoss(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && (/^(08|57P0)/.test(code) || ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code))) return true;
  return /Connection terminated|is not queryable|connection error/i.test((err as Error)?.message ?? '');
}

export class DatabaseLostError extends Error {
  readonly userFacing = true;
  constructor(cause: unknown, during: 'migrating' | 'loading') {
    super(
      `seed: lost the connection to the database while ${during} (${(cause as Error)?.message ?? String(cause)}). ` +
        (during === 'loading' ? 'The load is one transaction, so nothing is half-loaded' : 'Nothing was loaded yet') +
        '; once PostgreSQL is back, run the seed again (loading the same files twice changes nothing).',
      { cause },
    );
  }
}

export async function loadSeedPlan(databaseUrl: string, plan: SeedPlan): Promise<Record<string, TableResult>> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'ketenkaart-seed' });
  // A lost connection is also emitted as 'error', which unheard would crash the process; the query that was
  // running (or the next one) rejects with it, and that is where it is handled.
  client.on('error', () => undefined);
  await client.connect();
  const results: Record<string, TableResult> = {};
  try {
    await client.query('BEGIN');
    // One seed at a time: a second `npm run seed` waits instead of interleaving its writes.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('ketenkaart-seed'))");
    // And, like every registry write, after the writes before it (the change feed's order is the commit order).
    await client.query("SELECT pg_advisory_xact_lock(hashtext('ketenkaart-registry-write'))");
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
          `INSERT INTO ${t} (${cols}) SELECT ${cols} FROM jsonb_populate_recordset(NULL::${t}, $1::jsonb) x
           ${spec.edited ? `WHERE NOT (${spec.edited})` : ''}
           ON CONFLICT (${spec.key.map(ident).join(', ')}) ${update}`,
          [JSON.stringify(rows.slice(i, i + 500))],
        );
        written += res.rowCount ?? 0;
      }
      results[spec.table] = { written, removed: 0, total: rows.length };
    }
    const removedIds = new Map<string, string[]>();
    for (const spec of [...TABLES].reverse()) {
      const t = qualified(spec.table);
      const keys = (plan.tables[spec.table] ?? []).map((row) => Object.fromEntries(spec.key.map((k) => [k, row[k] === null || row[k] === undefined ? null : String(row[k])])));
      const match = spec.key.map((k) => `k.${ident(k)} IS NOT DISTINCT FROM x.${ident(k)}::text`).join(' AND ');
      const notInFiles = `NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($1::jsonb) AS k(${spec.key.map((k) => `${ident(k)} text`).join(', ')}) WHERE ${match})`;
      const res = await client.query<{ id?: string }>(
        `DELETE FROM ${t} x WHERE ${notInFiles} ${spec.edited ? `AND NOT (${spec.edited})` : ''} ${spec.journal ? 'RETURNING x.id' : ''}`,
        [JSON.stringify(keys)],
      );
      results[spec.table].removed = res.rowCount ?? 0;
      if (spec.journal) removedIds.set(spec.table, res.rows.map((r) => r.id!));
      if (spec.edited) {
        const kept = await client.query(`SELECT count(*)::int AS n FROM ${t} x WHERE ${notInFiles} OR (${spec.edited})`, [JSON.stringify(keys)]);
        results[spec.table].kept = kept.rows[0].n;
      }
    }
    for (const spec of TABLES.filter((s) => s.journal)) {
      results[spec.table].versions = await journalSeedChanges(client, spec, removedIds.get(spec.table) ?? []);
    }
    await client.query('COMMIT');
    return results;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw isConnectionLoss(err) ? new DatabaseLostError(err, 'loading') : err;
  } finally {
    await client.end();
  }
}
