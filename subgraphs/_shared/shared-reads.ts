import { ChangeListener } from '../../core/change-listener';
import type { Logger } from '../../core/logger';

/**
 * What one loader keeps at most. Keys come from callers (an id that does not exist is kept too, as null), so
 * without a bound a stream of made-up ids would grow it without end; the registry's own records are far fewer.
 */
const MAX_KEYS_PER_LOADER = 10_000;

/** One loader's rows kept across requests, or undefined when this request may not use them. */
export type ReadSection = () => Map<string, unknown> | undefined;

/**
 * The rows the loaders read, kept across requests until the next registry write: the whole registry is a few
 * thousand rows, and a who-is-who card is a dozen of them, so most answers need no SQL beyond the lookup that
 * finds the municipality. Every write notifies through the journal (core/change-listener.ts); a notification,
 * a lost connection or `maxAgeMs` (for changes made outside the journal: a seed load, an operator's SQL) drops
 * everything. A request uses what is kept only after a round trip on the listening connection that was sent
 * after it arrived (`ChangeListener.sync`), so a write acknowledged before the request is never missed, on any
 * replica; without that round trip (not listening, database unreachable) it reads from PostgreSQL.
 */
export class SharedReads {
  private sections = new Map<string, Map<string, unknown>>();
  private keptSince = Date.now();

  private constructor(
    private readonly listener: ChangeListener | undefined,
    private readonly maxAgeMs: number,
  ) {
    listener?.onGenerationChange(() => this.drop());
  }

  /** Nothing kept: every request reads from PostgreSQL. */
  static none(): SharedReads {
    return new SharedReads(undefined, 0);
  }

  /** `maxAgeSeconds` 0: nothing is kept. */
  static create(databaseUrl: string, maxAgeSeconds: number, log: Logger): SharedReads {
    if (maxAgeSeconds <= 0) return SharedReads.none();
    return new SharedReads(new ChangeListener(databaseUrl, log, { name: 'ketenkaart-shared-reads', label: 'shared reads' }), maxAgeSeconds * 1000);
  }

  async start(): Promise<void> {
    await this.listener?.start();
  }

  async stop(): Promise<void> {
    await this.listener?.stop();
  }

  /** The handle one request's loaders read through: closed until `open` has confirmed the request may use it. */
  forRequest(): RequestReads {
    return new RequestReads(this);
  }

  /** True once every write acknowledged before this call has dropped what it changed. */
  async usable(): Promise<boolean> {
    if (!this.listener || !(await this.listener.sync())) return false;
    if (Date.now() - this.keptSince > this.maxAgeMs) this.drop();
    return true;
  }

  section(name: string): Map<string, unknown> {
    let section = this.sections.get(name);
    if (!section) this.sections.set(name, (section = new Map()));
    return section;
  }

  private drop(): void {
    // A load still on its way writes into the old maps, which nobody reads any more.
    this.sections = new Map();
    this.keptSince = Date.now();
  }
}

export class RequestReads {
  private open = false;

  constructor(private readonly shared: SharedReads) {}

  /** Queries read through what is kept; a mutation reads its own writes from PostgreSQL. */
  async openFor(operation: 'query' | 'mutation' | 'subscription'): Promise<void> {
    this.open = operation === 'query' && (await this.shared.usable());
  }

  section(name: string): ReadSection {
    return () => (this.open ? this.shared.section(name) : undefined);
  }
}

/** What a subgraph's `createLoaders` needs of a request's reads. */
export type LoaderReads = Pick<RequestReads, 'section'>;

/** Nothing kept: for loaders used outside a GraphQL request. */
export const NO_SHARED_READS: LoaderReads = { section: () => () => undefined };

/**
 * Answers from `shared` what it holds for `keys`, loads the rest with `load` (one value per key, in order) and
 * keeps those. Every request after this one reads the same rows, so what is kept is read-only below the top
 * level (lists of sources, dates) and each request gets its own shallow copy of each row and list: a resolver,
 * or Apollo marking an entity with its `__typename`, may change its copy without changing the next answer.
 */
export async function throughShared<K extends string, V>(keys: readonly K[], load: (keys: readonly K[]) => Promise<V[]>, shared: ReadSection | undefined): Promise<V[]> {
  const kept = shared?.() as Map<K, V> | undefined;
  if (!kept) return load(keys);
  const missing = keys.filter((key) => !kept.has(key));
  const found = new Map<K, V>();
  for (const key of keys) if (kept.has(key)) found.set(key, kept.get(key) as V);
  if (missing.length) {
    const loaded = await load(missing);
    if (kept.size + missing.length > MAX_KEYS_PER_LOADER) kept.clear();
    missing.forEach((key, i) => {
      const value = frozenBelowTop(loaded[i]);
      found.set(key, value);
      kept.set(key, value);
    });
  }
  return keys.map((key) => copyOf(found.get(key) as V));
}

/** A row, or a list of rows: what each row's fields hold made read-only (the rows themselves are copied out). */
function frozenBelowTop<V>(value: V): V {
  for (const row of Array.isArray(value) ? value : [value]) {
    if (row === null || typeof row !== 'object') continue;
    for (const field of Object.values(row)) if (field !== null && typeof field === 'object') Object.freeze(field);
  }
  return value;
}

function copyOf<V>(value: V): V {
  if (Array.isArray(value)) return value.map(copyRow) as V;
  return copyRow(value);
}

function copyRow<R>(row: R): R {
  if (row === null || typeof row !== 'object') return row;
  // The entity's class stays: TypeORM's and type-graphql's methods and getters live on its prototype.
  return Object.assign(Object.create(Object.getPrototypeOf(row)), row);
}
