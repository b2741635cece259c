import { LRUCache } from 'lru-cache';
import type { Logger } from '../../core/logger';
import { ChangeListener } from '../../core/change-listener';
import { secondsToBrusselsMidnight } from './cache-policy';

/** An answer as it was sent: the exact bytes and the headers that go with them. */
export interface CachedAnswer {
  body: string;
  contentType: string;
  cacheControl: string;
  etag: string;
}

interface Entry extends CachedAnswer {
  generation: number;
}

/**
 * A safety net, not the invalidation: writes through the journal drop the cache at once; this bounds how long an
 * answer lives if the data changed some other way (a seed load or a fix in SQL by an operator).
 */
const MAX_TTL_MS = 3600_000;

/**
 * Answers kept in memory, at most `maxBytes` of them (least recently used go first), each good only for the
 * change generation it was made in (change-listener.ts) and at most until midnight in Belgium, when every
 * default `on: today` answer changes.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly listener: ChangeListener;

  constructor(opts: { maxBytes: number; databaseUrl: string; log: Logger }) {
    this.entries = new LRUCache<string, Entry>({
      maxSize: opts.maxBytes,
      // JavaScript strings are UTF-16 in memory: two bytes a character, plus the key.
      sizeCalculation: (entry, key) => 2 * (entry.body.length + key.length) + 256,
      ttl: MAX_TTL_MS,
      ttlAutopurge: false,
    });
    this.listener = new ChangeListener(opts.databaseUrl, opts.log);
    this.listener.onGenerationChange(() => this.entries.clear());
  }

  start(): Promise<void> {
    return this.listener.start();
  }

  /** The generation to store an answer under: read before the request's data is read, never after. */
  get generation(): number {
    return this.listener.generation;
  }

  /** The answer for `key`, if one is kept and no write was acknowledged since it was made. */
  async lookup(key: string): Promise<CachedAnswer | undefined> {
    if (!this.entries.has(key)) return undefined;
    if (!(await this.listener.sync())) return undefined;
    const entry = this.entries.get(key);
    return entry && entry.generation === this.listener.generation ? entry : undefined;
  }

  /** Keeps an answer made in `generation`, unless a change arrived meanwhile or nobody listens for changes. */
  store(key: string, answer: CachedAnswer, generation: number): void {
    if (!this.listener.listening || generation !== this.listener.generation) return;
    const ttl = Math.min(MAX_TTL_MS, secondsToBrusselsMidnight() * 1000);
    this.entries.set(key, { ...answer, generation }, { ttl });
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.entries.calculatedSize };
  }

  stop(): Promise<void> {
    this.entries.clear();
    return this.listener.stop();
  }
}
