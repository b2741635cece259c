import { type RecordType as UriType, recordUri } from '../../core/record-uri';
import type { FeedEntry } from './journal-pages';
import recordTypes from './record-types.json';
import { sortedJson } from '../../core/sorted-json';

export interface FeedType {
  segment: UriType;
  class: string;
}

const FEED_TYPES = recordTypes as unknown as Record<string, FeedType | string>;

/** The journal's type as the feed names it; undefined for one the feed does not publish. */
export function feedTypeOf(type: string): FeedType | undefined {
  const known = Object.hasOwn(FEED_TYPES, type) ? FEED_TYPES[type] : undefined;
  return typeof known === 'object' ? known : undefined;
}

/** Paths of the feed under the public base, shared by the HTTP routes, the links and the events. */
export const feedPaths = (given: string) => feedPathsUnder(given.replace(/\/+$/, ''));

const feedPathsUnder = (base: string) => ({
  changes: `${base}/feed/changes`,
  changesPage: (page: number) => `${base}/feed/changes?page=${page}`,
  stream: `${base}/feed/ldes`,
  streamPage: (page: number) => `${base}/feed/ldes?page=${page}`,
  vocabulary: `${base}/feed/ns#`,
  /** One version of one record: the CloudEvent's id and the LDES member's IRI. */
  version: (segment: string, id: string, version: number) => `${base}/feed/versie/${segment}/${encodeURIComponent(id)}/${version}`,
});

export interface AttributeChange {
  name: string;
  oldValue: unknown;
  newValue: unknown;
}

/** Bookkeeping, not a fact of the record: the version is the event's own. */
const NOT_ATTRIBUTES = new Set(['version']);


/**
 * What a version changed, attribute by attribute (top-level fields of the record's state, in name order), from
 * the state before it: a first version sets every attribute it has, a removal clears every one.
 */
export function attributeChanges(previous: Record<string, unknown> | null, state: Record<string, unknown>): AttributeChange[] {
  const before = previous ?? {};
  const names = [...new Set([...Object.keys(before), ...Object.keys(state)])].filter((n) => !NOT_ATTRIBUTES.has(n)).sort();
  return names
    .filter((name) => sortedJson(before[name]) !== sortedJson(state[name]))
    .map((name) => ({ name, oldValue: before[name] ?? null, newValue: state[name] ?? null }));
}

export interface ChangeEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject: string;
  datacontenttype: 'application/json';
  data: {
    recordType: string;
    id: string;
    version: number;
    action: string;
    attributes: AttributeChange[];
  };
}

/** One journal entry as a CloudEvents 1.0 event: the record's URI as subject, the changed attributes as data. */
export function changeEvent(base: string, entry: FeedEntry): ChangeEvent {
  const [time, type, id, version] = entry.key;
  const feedType = feedTypeOf(type);
  if (!feedType) throw new Error(`the journal holds a record type the feed does not name: ${type}`);
  const paths = feedPaths(base);
  return {
    specversion: '1.0',
    id: paths.version(feedType.segment, id, version),
    source: paths.changes,
    type: `be.vlaanderen.ketenkaart.${feedType.segment}.${entry.action.toLowerCase()}`,
    time,
    subject: recordUri(base, feedType.segment, id),
    datacontenttype: 'application/json',
    data: { recordType: feedType.segment, id, version, action: entry.action, attributes: attributeChanges(entry.previous, entry.state) },
  };
}
