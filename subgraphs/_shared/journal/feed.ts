import type { EntityManager } from 'typeorm';
import { badInput } from '../../../core/errors';
import type { JournalSchema } from './journal';
import type { Change, RecordType, StaleRecord } from './types';

/**
 * The change feed and the freshness list, as each subgraph that accepts writes serves them from its own
 * journal. The partners subgraph merges the instruments subgraph's into one registry-wide answer.
 */

/**
 * Where a change sits in the registry-wide feed: its time (to the microsecond), its subgraph, and the change
 * itself (type, id, version). A cursor is made of nothing but what its own entry shows, so it says nothing about
 * entries the caller may not see (the journal's sequence would show the gaps hidden holder changes leave).
 */
interface FeedPosition {
  t: string;
  s: JournalSchema;
  e: string;
  i: string;
  v: number;
}

export function decodeCursor(cursor: string | null | undefined): FeedPosition | null {
  if (!cursor) return null;
  try {
    const p = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as FeedPosition;
    if (
      typeof p.t === 'string' &&
      !Number.isNaN(Date.parse(p.t)) &&
      ['partners', 'instruments'].includes(p.s) &&
      typeof p.e === 'string' &&
      typeof p.i === 'string' &&
      Number.isInteger(p.v)
    ) {
      return p;
    }
  } catch {
    // fall through to the error below
  }
  throw badInput('`after` is geen cursor van de wijzigingsstroom: geef de `cursor` of `endCursor` die de stroom gaf.', { field: 'after', reason: 'NOT_A_CURSOR' });
}

const encodeCursor = (position: FeedPosition) => Buffer.from(JSON.stringify(position)).toString('base64url');

/** Byte order, as PostgreSQL's `COLLATE "C"` compares (localeCompare would not: it weighs punctuation apart). */
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Orders changes of several subgraphs as the feed does. */
export function compareChanges(a: Change, b: Change): number {
  const pa = decodeCursor(a.cursor)!;
  const pb = decodeCursor(b.cursor)!;
  return byteOrder(pa.t, pb.t) || byteOrder(pa.s, pb.s) || byteOrder(pa.e, pb.e) || byteOrder(pa.i, pb.i) || pa.v - pb.v;
}

/** Up to `limit` changes of one subgraph from `since`, after a position of the feed, oldest first. */
export async function changesSince(
  db: Pick<EntityManager, 'query'>,
  schema: JournalSchema,
  opts: { since: Date; after: string | null; limit: number; hidden: RecordType[] },
): Promise<Change[]> {
  const after = decodeCursor(opts.after);
  // `COLLATE "C"` orders the text keys byte by byte, as compareChanges does.
  const rows: Array<Omit<Change, 'cursor'> & { t: string }> = await db.query(
    `SELECT entity AS type, record_id AS id, version, action, recorded_at AS at, organisation_ids AS "organisationIds",
            to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t
       FROM ${schema}.record_version
      WHERE recorded_at >= $1 AND entity <> ALL($2)
        AND ($3::timestamptz IS NULL
             OR (recorded_at, $4::text COLLATE "C", entity COLLATE "C", record_id COLLATE "C", version)
                > ($3::timestamptz, $5::text COLLATE "C", $6::text COLLATE "C", $7::text COLLATE "C", $8::int))
      ORDER BY recorded_at, entity COLLATE "C", record_id COLLATE "C", version LIMIT $9`,
    [opts.since, opts.hidden, after?.t ?? null, schema, after?.s ?? null, after?.e ?? null, after?.i ?? null, after?.v ?? null, opts.limit],
  );
  return rows.map(({ t, ...change }) => ({ ...change, cursor: encodeCursor({ t, s: schema, e: change.type, i: change.id, v: change.version }) }));
}

/**
 * The current records of one table not confirmed since `before`: the last confirmation is the later of an
 * editor's confirmation and the newest `seen` date of the record's sources.
 */
export async function staleIn(
  db: Pick<EntityManager, 'query'>,
  spec: { type: RecordType; table: string; label: string; owners: string; sources: string },
  before: string,
  organisationId: string | null,
): Promise<StaleRecord[]> {
  return db.query(
    `SELECT * FROM (
       SELECT $1::text AS type, id, ${spec.label} AS label, ${spec.owners} AS "organisationIds",
              to_char(GREATEST(confirmed_on, (SELECT max((s->>'seen')::date) FROM jsonb_array_elements(${spec.sources}) s)), 'YYYY-MM-DD') AS "lastConfirmed"
         FROM ${spec.table} r
        WHERE valid_to IS NULL OR valid_to > current_date) x
      WHERE ("lastConfirmed" IS NULL OR "lastConfirmed" < $2) AND ($3::text IS NULL OR $3 = ANY("organisationIds"))
      ORDER BY label`,
    [spec.type, before, organisationId],
  );
}
