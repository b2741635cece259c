import { parentPort } from 'node:worker_threads';
import autocannon from 'autocannon';
import { signedHeaders } from '../core/auth/signing';
import { type LoadOptions, type LoadResult, assertLoopback, percentile } from './load';

/** One autocannon run per message from `LoadClient`; latencies are recorded here to get exact p50/p95/p99. */
async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  assertLoopback(opts.url);
  const latencies = new Float64Array(opts.maxRequests);
  let count = 0;
  let started = 0;
  let last = 0;
  const single = opts.requests.length === 1 ? opts.requests[0] : undefined;
  let next = 0;
  const rotating = opts.rotate
    ? [
        {
          method: 'POST' as const,
          path: opts.requests[0]!.path,
          setupRequest: (req: autocannon.Request) => {
            const r = opts.requests[next++ % opts.requests.length]!;
            return { ...req, method: r.method, path: r.path, headers: r.headers, body: r.body };
          },
        },
      ]
    : undefined;
  let finish!: (err: unknown, result?: autocannon.Result) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (err, result) => (err ? reject(err) : resolve(result!));
  });
  // With a callback autocannon returns its instance (events, stop()) rather than a promise.
  const instance = autocannon({
    url: opts.url,
    connections: opts.connections,
    pipelining: 1,
    duration: Math.max(opts.duration, opts.maxDuration),
    // autocannon checks for the end of a run once per sample: sample often, so runs end on time.
    sampleInt: 100,
    timeout: 10,
    ...(opts.sign
      ? {
          // autocannon checks expectBody only for a single fixed request; signed runs are checked before the load.
          // Subgraphs refuse a replayed nonce: each request gets its own signature, as the gateway would send it.
          requests: opts.requests.map((r) => ({
            method: r.method,
            path: r.path,
            body: r.body,
            setupRequest: (req: autocannon.Request) => ({
              ...req,
              headers: { ...r.headers, ...signedHeaders(opts.sign!.secret, opts.sign!.identity, String(r.body ?? '')) },
            }),
          })),
        }
      : rotating
        ? { requests: rotating }
        : single
        ? { method: single.method, headers: single.headers, body: single.body, expectBody: opts.expectBody }
        : { requests: opts.requests.map((r) => ({ method: r.method, path: r.path, headers: r.headers, body: r.body })) }),
  }, (err, result) => finish(err, result));
  instance.on('start', () => {
    started = performance.now();
  });
  const enough = setInterval(() => {
    if (started && performance.now() - started >= opts.duration * 1000 && count >= opts.minResponses) instance.stop();
  }, 50);
  // autocannon emits (client, statusCode, resBytes, responseTime in ms); its typings omit the client.
  (instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    if (count >= opts.maxRequests) return;
    latencies[count++] = responseTime;
    last = performance.now();
    if (count === opts.maxRequests) instance.stop();
  });
  const result = await done.finally(() => clearInterval(enough));
  const sorted = latencies.subarray(0, count).sort();
  const seconds = count > 0 ? (last - started) / 1000 : 0;
  return {
    responses: count,
    seconds,
    rps: seconds > 0 ? count / seconds : 0,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: count > 0 ? sorted[count - 1] : NaN,
    errors: result.errors,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
  };
}

parentPort?.on('message', (msg: { id: number; opts: LoadOptions }) => {
  runLoad(msg.opts).then(
    (result) => parentPort!.postMessage({ id: msg.id, result }),
    (err: unknown) => parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
