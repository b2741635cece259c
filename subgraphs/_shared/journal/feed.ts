import type { EntityManager } from 'typeorm';
import { badInput } from '../../../core/errors';
import type { JournalSchema } from './journal';
import type { Change, RecordType, StaleRecord } from './types';

/**
 * The change feed and the freshness list, as each subgraph that accepts writes serves them from its own
 * journal. The partners subgraph merges the instruments subgraph's into one registry-wide answer.
 */

/** Where a change sits in the registry-wide feed: its time (to the microsecond), its subgraph, its sequence. */
interface FeedPosition {
  t: string;
  s: JournalSchema;
  q: string;
}

export function decodeCursor(cursor: string | null | undefined): FeedPosition | null {
  if (!cursor) return null;
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as FeedPosition;
    if (typeof position.t === 'string' && !Number.isNaN(Date.parse(position.t)) && /^\d+$/.test(position.q) && ['partners', 'instruments'].includes(position.s)) return position;
  } catch {
    // fall through to the error below
  }
  throw badInput('`after` is not a cursor of the change feed: pass the `cursor` or `endCursor` the feed gave you.', { field: 'after' });
}

const encodeCursor = (position: FeedPosition) => Buffer.from(JSON.stringify(position)).toString('base64url');

/** Orders changes of several subgraphs as the feed does. */
export function compareChanges(a: Change, b: Change): number {
  const pa = decodeCursor(a.cursor)!;
  const pb = decodeCursor(b.cursor)!;
  return pa.t.localeCompare(pb.t) || pa.s.localeCompare(pb.s) || Number(BigInt(pa.q) - BigInt(pb.q));
}

/** Up to `limit` changes of one subgraph from `since`, after a position of the feed, oldest first. */
export async function changesSince(
  db: Pick<EntityManager, 'query'>,
  schema: JournalSchema,
  opts: { since: Date; after: string | null; limit: number; hidden: RecordType[] },
): Promise<Change[]> {
  const after = decodeCursor(opts.after);
  const rows: Array<Omit<Change, 'cursor'> & { t: string; q: string }> = await db.query(
    `SELECT entity AS type, record_id AS id, version, action, recorded_at AS at, organisation_ids AS "organisationIds", seq::text AS q,
            to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t
       FROM ${schema}.record_version
      WHERE recorded_at >= $1 AND entity <> ALL($2)
        AND ($3::timestamptz IS NULL OR (recorded_at, $4::text, seq) > ($3::timestamptz, $5::text, $6::bigint))
      ORDER BY recorded_at, seq LIMIT $7`,
    [opts.since, opts.hidden, after?.t ?? null, schema, after?.s ?? null, after?.q ?? null, opts.limit],
  );
  return rows.map(({ t, q, ...change }) => ({ ...change, cursor: encodeCursor({ t, s: schema, q }) }));
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
