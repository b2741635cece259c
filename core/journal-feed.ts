/**
 * The journal as the subgraphs that keep one (partners, instruments) hand it to the gateway's public change feed
 * (gateway/feed/), over a signed internal route beside `/graphql`. Shared by both ends, so the wire format is
 * written down once.
 *
 * The feed's order is the order of `changes(since)` (subgraphs/_shared/journal/feed.ts): time to the
 * microsecond, subgraph, record type, record id, version, each text compared byte by byte. A key names one
 * journal entry by exactly those parts.
 */
export const JOURNAL_FEED_PATH = '/internal/journal';

/** The subgraphs that keep a journal, in the order their parts are merged when times are equal. */
export const JOURNAL_SUBGRAPHS = ['instruments', 'partners'] as const;
export type JournalSubgraph = (typeof JOURNAL_SUBGRAPHS)[number];

/** One journal entry's place: [time (ISO, microseconds, UTC), record type, record id, version]. */
export type JournalKey = [t: string, type: string, id: string, version: number];

export interface JournalFeedRequest {
  /** `keys`: only the places of entries; `entries`: the entries with their state and the previous state. */
  mode: 'keys' | 'entries';
  /** The entry after which to start (exclusive); null from the beginning. */
  after: JournalKey | null;
  limit: number;
}

/** One public entry: the state a record had after it, and the state before (null for a record's first version). */
export interface JournalFeedEntry {
  key: JournalKey;
  action: 'CREATED' | 'CHANGED' | 'ENDED' | 'REMOVED';
  state: Record<string, unknown>;
  previous: Record<string, unknown> | null;
}

export type JournalFeedResponse = { keys: JournalKey[] } | { entries: JournalFeedEntry[] };

/** The most entries one internal request returns. */
export const MAX_JOURNAL_REQUEST = 200_000;

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Orders the entries of several subgraphs as the feed does. */
export function compareJournalPlaces(a: { s: string; key: JournalKey }, b: { s: string; key: JournalKey }): number {
  return byteOrder(a.key[0], b.key[0]) || byteOrder(a.s, b.s) || byteOrder(a.key[1], b.key[1]) || byteOrder(a.key[2], b.key[2]) || a.key[3] - b.key[3];
}
