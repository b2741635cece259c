import { recordUri } from '../../core/record-uri';
import { attributeChanges, feedPaths, feedTypeOf } from './events';
import type { FeedPage } from './journal-pages';
import ldesContext from './ldes-context.json';
import vocabulary from './vocabulary.json';

/** The context with the feed's own vocabulary under this registry's base. */
function contextFor(base: string): Record<string, unknown> {
  return { ...ldesContext['@context'], kk: feedPaths(base).vocabulary };
}

/** How a consumer finds a member's record and its time: the two paths every LDES of versions declares. */
const STREAM_PATHS = { versionOfPath: 'dcterms:isVersionOf', timestampPath: 'prov:generatedAtTime' };

/**
 * The change feed as a Linked Data Event Stream: `<base>/feed/ldes` is the `ldes:EventStream`, with its first
 * page as its view; each page is a `tree:Node` with a `tree:relation` to the next one and the page's record
 * versions as members, in the same pages as the CloudEvents feed.
 */
export function eventStream(base: string): Record<string, unknown> {
  const paths = feedPaths(base);
  return { '@context': contextFor(base), '@id': paths.stream, '@type': 'ldes:EventStream', ...STREAM_PATHS, view: paths.streamPage(1) };
}

/**
 * One page as a `tree:Node`. A member is one version of one record: what it is a version of
 * (`dcterms:isVersionOf`, the record's URI), when it was recorded (`prov:generatedAtTime`), what the write did,
 * the names of the attributes it changed, and the record's whole public state then (`kk:toestand`, a JSON
 * literal: the record as the GraphQL API names its fields). The latest member of each record is its current state.
 */
export function streamPage(base: string, page: FeedPage): Record<string, unknown> {
  const paths = feedPaths(base);
  const members = page.entries.map((entry) => {
    const [time, type, id, version] = entry.key;
    const feedType = feedTypeOf(type)!;
    return {
      '@id': paths.version(feedType.segment, id, version),
      '@type': `kk:${feedType.class}`,
      isVersionOf: recordUri(base, feedType.segment, id),
      generatedAtTime: time,
      recordType: feedType.segment,
      action: entry.action,
      version,
      changedAttributes: attributeChanges(entry.previous, entry.state).map((c) => c.name),
      state: entry.state,
    };
  });
  const node = {
    '@id': paths.streamPage(page.page),
    '@type': 'tree:Node',
    relation: page.hasNext ? [{ '@type': 'tree:Relation', node: paths.streamPage(page.page + 1) }] : [],
  };
  return {
    '@context': contextFor(base),
    '@graph': [node, { '@id': paths.stream, '@type': 'ldes:EventStream', ...STREAM_PATHS, member: members }],
  };
}

/** The feed's own terms, under this registry's base (vocabulary.json). */
export function feedVocabulary(base: string): Record<string, unknown> {
  const { $comment: _comment, ...document } = vocabulary;
  return JSON.parse(JSON.stringify(document).replaceAll('{base}', base.replace(/\/+$/, ''))) as Record<string, unknown>;
}
