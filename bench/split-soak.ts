import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedDatabase } from '../hub/embedded-database';
import { freePort } from '../hub/free-port';
import { migrateAll } from '../hub/hub';
import { seed } from '../hub/seed';
import { type SplitServices, startSplitServices } from '../hub/split-services';
import { type LoadRequest, LoadClient } from './load';
import { slope } from './report';

/**
 * `npm run bench:split-soak -- [--minutes 20] [--connections 8]`: the split deployment (each subgraph and the
 * gateway its own process, as in production) under a varied read mix drawn from the data for a long run, with
 * every service's resident memory (RSS, from /proc) sampled every 10 s. A leak in any one process shows as a
 * rising slope; the last line is `SPLIT_SOAK <service>_rss_slope_mib_per_min=… … distinct=<n>`.
 */

const say = (line: string) => console.log(line);

function option(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} takes a positive number, not "${argv[i + 1] ?? ''}"`);
  return value;
}

async function ask<T>(url: string, query: string): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`the workload query failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Reads of the three kinds of users, with arguments from the registry itself: every municipality and postcode. */
async function variedReads(url: string): Promise<LoadRequest[]> {
  const data = await ask<{ municipalities: { nodes: Array<{ name: string; postcodes: Array<{ postcode: string }> }> }; organisations: { nodes: Array<{ id: string; name: string }> } }>(
    url,
    '{ municipalities(first: 500) { nodes { name postcodes { postcode } } } organisations(first: 500) { nodes { id name } } }',
  );
  const card = 'cards { municipality { name } policeZone { name } veiligHuis { organisation { name contactPoints { kind value } } } ariec { organisation { name } } contacts { title organisation { name } } }';
  const queries: string[] = [];
  for (const m of data.municipalities.nodes) {
    queries.push(`{ whoIsWho(municipality: ${JSON.stringify(m.name)}) { ${card} } }`);
    for (const p of m.postcodes.slice(0, 2)) queries.push(`{ whoIsWho(postcode: ${JSON.stringify(p.postcode)}) { ${card} } }`);
  }
  for (const m of data.municipalities.nodes.filter((_, i) => i % 4 === 0)) {
    queries.push(`{ whichProtocolApplies(phenomenon: "intrafamiliaal geweld", municipality: ${JSON.stringify(m.name)}, partners: ["CAW", "politie"]) { applicable { status agreement { title } } explanation } }`);
  }
  for (const o of data.organisations.nodes) {
    queries.push(`{ search(query: ${JSON.stringify(o.name.split(' ').slice(0, 2).join(' '))}) { __typename } }`);
    queries.push(`{ organisation(id: ${JSON.stringify(o.id)}) { name kind posts { title } instruments { name } } }`);
  }
  queries.push('{ legalBases(first: 100) { nodes { title eli articles { number } } } }');
  queries.push('{ cooperationInstruments(first: 100) { nodes { name legalBases { title inForce } } } }');
  for (const first of [20, 100, 500]) queries.push(`{ municipalities(first: ${first}) { nodes { name policeZone { name } } } }`);
  queries.push('{ servSynthesis { case { name } cells { principle dimension present } } }');
  // Shuffled with a fixed seed: the same run twice sends the same sequence.
  let state = 42;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = queries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [queries[i], queries[j]] = [queries[j]!, queries[i]!];
  }
  return queries.map((query) => ({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }));
}

/** The V8 heap in use, from the service's own /metrics (every process of the split deployment reports it). */
async function heapMiB(url: string): Promise<number> {
  const text = await (await fetch(url)).text();
  return Number(/^nodejs_heap_size_used_bytes(?:\{[^}]*\})? (\S+)$/m.exec(text)?.[1]) / 2 ** 20;
}

function rssMiB(pid: number): number {
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const minutes = option(argv, '--minutes', 20);
  const connections = option(argv, '--connections', 8);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketenkaart-split-soak-'));
  const db = await startEmbeddedDatabase({ dataDir: path.join(dataDir, 'pg'), port: await freePort(), persistent: false, log: () => undefined });
  let services: SplitServices | undefined;
  const load = new LoadClient();
  try {
    say('split soak: migrating and seeding a fresh embedded PostgreSQL…');
    await migrateAll(db.url, { serviceUrl: db.serviceUrl });
    await seed(db.url);
    services = await startSplitServices({ databaseUrl: db.serviceUrl, dataDir, env: { LOG_LEVEL: 'error', RATE_LIMIT_PER_ADDRESS: '0', RATE_LIMIT_PER_IDENTITY: '0' } });
    const requests = await variedReads(services.url);
    for (const r of requests.slice(0, 50)) {
      const res = await fetch(services.url, { method: 'POST', headers: r.headers, body: r.body });
      const body = (await res.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(`a workload request fails: ${r.body}: ${JSON.stringify(body.errors)}`);
    }
    const seconds = Math.round(minutes * 60);
    const names = Object.keys(services.processes) as Array<keyof SplitServices['processes']>;
    say(`split soak: ${requests.length} distinct reads in a shuffled rotation, ${connections} connections, ${seconds} s; RSS of ${names.join(', ')} every 10 s`);
    const samples: Array<{ t: number; rss: Record<string, number>; heap: Record<string, number> }> = [];
    const started = performance.now();
    const sample = async () => {
      const rss = Object.fromEntries(names.map((n) => [n, rssMiB(services!.processes[n].child.pid!)]));
      const heap = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await heapMiB(`http://127.0.0.1:${services!.ports[n]}/metrics`)] as const)));
      const t = (performance.now() - started) / 1000;
      samples.push({ t, rss, heap });
      say(`  t=${t.toFixed(0).padStart(5)} s  ${names.map((n) => `${n} ${rss[n]!.toFixed(1).padStart(6)} (heap ${heap[n]!.toFixed(1).padStart(5)})`).join('  ')} MiB`);
    };
    await sample();
    const timer = setInterval(() => void sample(), 10_000);
    const result = await load.run({ url: services.url, connections, duration: seconds, minResponses: 0, maxDuration: seconds, maxRequests: 50_000_000, requests, rotate: true });
    clearInterval(timer);
    await sample();
    // The second half: caches are full and the heap has found its size by then; a leak still climbs.
    const warm = seconds / 2;
    const kept = samples.filter((s) => s.t >= warm);
    const slopeOf = (pick: (s: (typeof samples)[number]) => number) => slope(kept.map((s) => s.t / 60), kept.map(pick));
    const slopes = Object.fromEntries(names.map((n) => [n, slopeOf((s) => s.rss[n]!)]));
    const heapSlopes = Object.fromEntries(names.map((n) => [n, slopeOf((s) => s.heap[n]!)]));
    say('');
    say(`split soak: ${result.responses} responses, ${result.rps.toFixed(0)} req/s, p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ${result.errors + result.non2xx} bad`);
    for (const n of names) {
      say(
        `split soak: ${n.padEnd(11)} rss ${samples[0]!.rss[n]!.toFixed(1)} → ${samples.at(-1)!.rss[n]!.toFixed(1)} MiB, slope ${slopes[n]!.toFixed(3)} MiB/min; ` +
          `heap slope ${heapSlopes[n]!.toFixed(3)} MiB/min (second half, from ${warm.toFixed(0)} s)`,
      );
    }
    say(`SPLIT_SOAK ${names.map((n) => `${n}_rss_slope_mib_per_min=${slopes[n]!.toFixed(3)} ${n}_heap_slope_mib_per_min=${heapSlopes[n]!.toFixed(3)}`).join(' ')} distinct=${requests.length} bad=${result.errors + result.non2xx}`);
  } finally {
    await load.close();
    await services?.stop();
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`split soak: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
