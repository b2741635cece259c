import { parentPort } from 'node:worker_threads';
import autocannon from 'autocannon';
import { signedHeaders } from '../core/auth/signing';
import { type LoadOptions, type LoadResult, assertLoopback, percentile } from './load';
import { outcomeOf } from './varied';

/** One autocannon run per message from `LoadClient`; latencies are recorded here to get exact p50/p95/p99. */
async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  assertLoopback(opts.url);
  const latencies = new Float64Array(opts.maxRequests);
  let count = 0;
  let started = 0;
  let last = 0;
  const single = opts.requests.length === 1 ? opts.requests[0] : undefined;
  let next = 0;
  let checkedMismatches = 0;
  const mismatchExamples: string[] = [];
  // A varied run: every request of the run takes the next of the list, whichever connection sends it; signed
  // afresh where it goes straight to a subgraph; its answer checked against what the list says it must be.
  const rotating = opts.rotate
    ? [
        {
          method: 'POST' as const,
          path: opts.requests[0]!.path,
          setupRequest: (req: autocannon.Request, context: Record<string, unknown>) => {
            const i = next++ % opts.requests.length;
            context.i = i;
            const r = opts.requests[i]!;
            const headers = opts.sign ? { ...r.headers, ...signedHeaders(opts.sign.secret, opts.sign.identity, r.body) } : r.headers;
            return { ...req, method: r.method, path: r.path, headers, body: r.body };
          },
          onResponse: opts.checks
            ? (_status: number, body: string, context: Record<string, unknown>) => {
                const check = opts.checks![context.i as number]!;
                const outcome = outcomeOf(body, check.root);
                if (outcome !== check.expect) {
                  checkedMismatches++;
                  if (mismatchExamples.length < 3) mismatchExamples.push(`${opts.requests[context.i as number]!.body.slice(-120)} → ${outcome} (expected ${check.expect}): ${body.slice(0, 160)}`);
                }
              }
            : undefined,
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
    ...(rotating
      ? { requests: rotating as never }
      : opts.sign
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
    mismatches: result.mismatches + checkedMismatches,
    mismatchExamples,
  };
}

parentPort?.on('message', (msg: { id: number; opts: LoadOptions }) => {
  runLoad(msg.opts).then(
    (result) => parentPort!.postMessage({ id: msg.id, result }),
    (err: unknown) => parentPort!.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
