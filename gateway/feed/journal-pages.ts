import { postInternal } from '../auth/internal-call';
import { DEADLINE_MARGIN_MS, type Deadline, callOutage, isAwayStatus } from '../../core/deadline';
import type { UnavailableReason } from '../../core/errors';
import {
  JOURNAL_FEED_PATH,
  JOURNAL_SUBGRAPHS,
  type JournalFeedEntry,
  type JournalFeedRequest,
  type JournalKey,
  type JournalSubgraph,
  compareJournalPlaces,
} from '../../core/journal-feed';

/** A part of the journal that did not answer: the page cannot be served whole, so it is not served at all. */
export class JournalUnavailable extends Error {
  constructor(
    readonly service: JournalSubgraph,
    readonly reason: UnavailableReason,
  ) {
    super(`${service} ${reason}`);
  }
}

export type JournalCall = (subgraph: JournalSubgraph, request: JournalFeedRequest, deadline: Deadline, requestId: string) => Promise<unknown>;

/** Calls a subgraph's journal route, signed as the gateway itself (the journal it hands out is the public one). */
export function signedJournalCall(urls: Record<JournalSubgraph, string>, signingSecret: string): JournalCall {
  return async (subgraph, request, deadline, requestId) => {
    let response: Response;
    try {
      response = await postInternal(new URL(JOURNAL_FEED_PATH, urls[subgraph]), signingSecret, request, {
        signal: deadline.signal(),
        timeLeftMs: deadline.header(DEADLINE_MARGIN_MS),
        requestId,
      });
      if (isAwayStatus(response.status)) throw new JournalUnavailable(subgraph, 'UNREACHABLE');
      if (response.status === 429) throw new JournalUnavailable(subgraph, 'OVERLOADED');
      if (!response.ok) throw new Error(`the ${subgraph} journal answered ${response.status}`);
      return await response.json();
    } catch (err) {
      if (err instanceof JournalUnavailable) throw err;
      const outage = callOutage(err);
      if (outage) throw new JournalUnavailable(subgraph, outage);
      throw err;
    }
  };
}

export interface FeedEntry extends JournalFeedEntry {
  /** The subgraph whose journal holds it. */
  s: JournalSubgraph;
}

export interface FeedPage {
  /** 1-based. */
  page: number;
  entries: FeedEntry[];
  /** Whether a next page exists already. */
  hasNext: boolean;
  /** Full, settled and followed by a next page: neither its entries nor its links can change, so it may be cached for ever. */
  final: boolean;
}

export interface PageOptions {
  call: JournalCall;
  pageSize: number;
  settleMs: number;
  deadline: Deadline;
  requestId: string;
  now?: number;
}

/**
 * Page `page` of the registry-wide journal: entries `(page-1)·size … page·size-1` of the subgraphs' journals
 * merged in the feed's order. Page boundaries are counted over the public entries only, so they are the same for
 * everyone and never move; the places of the first `page·size + 1` entries of each part settle where the page
 * falls, then only the page's own entries are fetched with their states. Undefined for a page past the end.
 */
export async function readFeedPage(page: number, opts: PageOptions): Promise<FeedPage | undefined> {
  const end = page * opts.pageSize;
  const start = end - opts.pageSize;
  const places = await Promise.all(
    JOURNAL_SUBGRAPHS.map(async (s) => {
      const answer = (await opts.call(s, { mode: 'keys', after: null, limit: end + 1 }, opts.deadline, opts.requestId)) as { keys: JournalKey[] };
      return answer.keys.map((key) => ({ s, key }));
    }),
  );
  const merged = places.flat().sort(compareJournalPlaces);
  if (start > 0 && merged.length <= start) return undefined;
  const slice = merged.slice(start, end);
  const parts = await Promise.all(
    JOURNAL_SUBGRAPHS.map(async (s, n): Promise<FeedEntry[]> => {
      const own = slice.filter((p) => p.s === s);
      if (!own.length) return [];
      const index = places[n].findIndex((p) => p.key === own[0].key);
      const after = index > 0 ? places[n][index - 1].key : null;
      const answer = (await opts.call(s, { mode: 'entries', after, limit: own.length }, opts.deadline, opts.requestId)) as { entries: JournalFeedEntry[] };
      return answer.entries.map((entry) => ({ ...entry, s }));
    }),
  );
  const entries = parts.flat().sort(compareJournalPlaces);
  // An entry committed between the two reads, behind the ones already placed (a write still in flight): the
  // page is read again rather than served with an entry in a place another reader would not see it.
  const same = entries.length === slice.length && entries.every((e, i) => e.s === slice[i].s && e.key.join('\u0000') === slice[i].key.join('\u0000'));
  if (!same) throw new PageMoved();
  const lastAt = Date.parse(slice.at(-1)?.key[0] ?? '');
  const settled = Number.isFinite(lastAt) && lastAt <= (opts.now ?? Date.now()) - opts.settleMs;
  const hasNext = merged.length > end;
  // Final only once the next page exists as well: a cache keeps the links with the page, and a full last page
  // kept for ever without its `next` link would strand its followers.
  return { page, entries, hasNext, final: slice.length === opts.pageSize && settled && hasNext };
}

/** The journal moved while a page was read; reading it again gives a consistent page. */
export class PageMoved extends Error {
  constructor() {
    super('the journal changed while the page was read');
  }
}

/** Reads a page, once more if the journal moved under the first read. */
export async function readFeedPageConsistently(page: number, opts: PageOptions): Promise<FeedPage | undefined> {
  try {
    return await readFeedPage(page, opts);
  } catch (err) {
    if (!(err instanceof PageMoved)) throw err;
    return readFeedPage(page, opts);
  }
}
