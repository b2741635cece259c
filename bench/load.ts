import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Load generation runs in a worker thread (autocannon in `load-worker.ts`), so the client has an event loop of its
 * own and does not queue behind the servers it measures: the hub and both gateways share the main thread, as they
 * do in `npm start`.
 */

export interface LoadRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  /**
   * A slow target may not answer `minResponses` times within `duration` (each request longer than the run): the
   * run then goes on until it has, for at most `maxDuration` seconds.
   */
  minResponses: number;
  maxDuration: number;
  /** Stop after this many responses, whichever comes first. */
  maxRequests: number;
  /** Each connection sends these in turn (one request when there is one). */
  requests: LoadRequest[];
  /**
   * Every request, whichever connection sends it, takes the next of `requests` (one counter for the run): a
   * varied workload, rather than each connection walking the same list in step with the others.
   */
  rotate?: boolean;
  /**
   * With `rotate`: what the answer to each of `requests` must be (varied.ts `outcomeOf`: 'data' under `root`, or
   * an error code); any other answer counts as a mismatch, and the first few are reported.
   */
  checks?: Array<{ root: string; expect: string }>;
  /** Every response body must be exactly this (only with a single request); others count as mismatches. */
  expectBody?: string;
  /** Sign every request as the gateway would (for the direct-to-subgraph target): a fresh nonce each time. */
  sign?: { secret: string; identity: string };
}

export interface LoadResult {
  /** Responses received (counted, at most maxRequests). */
  responses: number;
  /** Seconds from the start to the last counted response. */
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Connection errors and time-outs. */
  errors: number;
  non2xx: number;
  mismatches: number;
  /** A few of the answers that were not what `checks` expected. */
  mismatchExamples?: string[];
}

/** Assumes a sorted array; nearest-rank percentile. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The benchmark sends traffic to this machine's loopback interface only. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!LOOPBACK.has(host) && !/^127\.\d+\.\d+\.\d+$/.test(host)) {
    throw new Error(`refusing to send load to ${url}: the benchmark only targets loopback addresses`);
  }
}

interface Pending {
  resolve(result: LoadResult): void;
  reject(err: Error): void;
}

export class LoadClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor() {
    this.worker = new Worker(path.join(__dirname, 'load-worker.js'));
    this.worker.on('message', (msg: { id: number; result?: LoadResult; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error));
      else p.resolve(msg.result!);
    });
    this.worker.on('error', (err) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  run(opts: LoadOptions): Promise<LoadResult> {
    assertLoopback(opts.url);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, opts });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
