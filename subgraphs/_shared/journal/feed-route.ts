import { z } from 'zod';
import { JOURNAL_FEED_PATH, type JournalFeedEntry, type JournalKey, MAX_JOURNAL_REQUEST } from '../../../core/journal-feed';
import type { InternalRoute } from '../subgraph';
import type { JournalSchema } from './journal';
import publicJournal from './public-journal.json';

const key = z.tuple([z.iso.datetime({ offset: false, precision: 6 }), z.string().max(100), z.string().max(500), z.number().int().positive()]);
const request = z.object({ mode: z.enum(['keys', 'entries']), after: key.nullable(), limit: z.number().int().min(1).max(MAX_JOURNAL_REQUEST) }).strict();

const withheldEverywhere = new Set(publicJournal.withheldEverywhere);
const withheldOf = (type: string) => new Set((publicJournal.withheldFields as Record<string, string[]>)[type] ?? []);

/** Drops what is not public from a state: the record type's own fields at the top, the rest at any depth. */
function publicState(type: string, state: Record<string, unknown>): Record<string, unknown> {
  const top = withheldOf(type);
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).filter(([k]) => !withheldEverywhere.has(k)).map(([k, v]) => [k, strip(v)]));
    }
    return value;
  };
  return strip(Object.fromEntries(Object.entries(state).filter(([k]) => !top.has(k)))) as Record<string, unknown>;
}

interface Row {
  t: string;
  type: string;
  id: string;
  version: number;
  action?: JournalFeedEntry['action'];
  state?: Record<string, unknown>;
  previous?: Record<string, unknown> | null;
  previousAction?: string | null;
}

/**
 * The journal of one subgraph for the gateway's public change feed (`JOURNAL_FEED_PATH`): oldest first in the
 * feed's order, without the entries and fields that are not public (public-journal.json), each entry with the
 * state before it so the gateway can say what changed. Only the gateway reaches it (signed, like `/graphql`).
 */
export function journalFeedRoute(schema: JournalSchema): Record<string, InternalRoute> {
  const handle: InternalRoute = async ({ db }, body) => {
    const parsed = request.safeParse(body);
    if (!parsed.success) return { status: 400, body: { error: 'BAD_REQUEST', problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) } };
    const { mode, after, limit } = parsed.data;
    const withStates = mode === 'entries';
    // `COLLATE "C"`: text keys in byte order, as the merge at the gateway compares them.
    const rows: Row[] = await db.query(
      `SELECT to_char(r.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t, r.entity AS type, r.record_id AS id, r.version
              ${withStates ? ', r.action, r.state, p.state AS previous, p.action AS "previousAction"' : ''}
         FROM ${schema}.record_version r
         ${withStates ? `LEFT JOIN LATERAL (SELECT state, action FROM ${schema}.record_version p
                                  WHERE p.entity = r.entity AND p.record_id = r.record_id AND p.version < r.version
                                  ORDER BY p.version DESC LIMIT 1) p ON true` : ''}
        WHERE r.entity <> ALL($1)
          AND ($2::timestamptz IS NULL
               OR (r.recorded_at, r.entity COLLATE "C", r.record_id COLLATE "C", r.version) > ($2::timestamptz, $3::text COLLATE "C", $4::text COLLATE "C", $5::int))
        ORDER BY r.recorded_at, r.entity COLLATE "C", r.record_id COLLATE "C", r.version
        LIMIT $6`,
      [publicJournal.hiddenTypes, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, after?.[3] ?? null, limit],
    );
    const keyOf = (r: Row): JournalKey => [r.t, r.type, r.id, r.version];
    if (!withStates) return { status: 200, body: { keys: rows.map(keyOf) } };
    const entries: JournalFeedEntry[] = rows.map((r) => ({
      key: keyOf(r),
      action: r.action!,
      state: publicState(r.type, r.state ?? {}),
      // A record created again after its removal starts anew.
      previous: r.previous && r.previousAction !== 'REMOVED' ? publicState(r.type, r.previous) : null,
    }));
    return { status: 200, body: { entries } };
  };
  return { [JOURNAL_FEED_PATH]: handle };
}
