import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { readSupergraph } from '../gateway/supergraph';
import { freePort } from '../hub/free-port';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../hub/embedded-database';
import { type RunningHub, startHub } from '../hub/hub';
import { type SubgraphName, loadConfig } from '../core/config';
import { createLogger } from '../core/logger';
import { type RunningHiveGateway, preloadHiveGateway, startHiveGateway } from './hive-gateway';
import { LoadClient, type LoadRequest, assertLoopback } from './load';
import { type Measurement, type TargetName, TARGET_LABEL, formatTables, ratiosOf, resultLine, slope } from './report';
import { randomBytes } from 'node:crypto';
import { SignJWT, importJWK } from 'jose';
import { ANONYMOUS, type Identity } from '../core/auth/roles';
import { encodeIdentity, signedHeaders } from '../core/auth/signing';
import { DEV_ALGORITHM, ensureDevKeys } from '../gateway/auth/dev-keys';
import { SCENARIOS, type Scenario, requestBody, requestHeaders, setAuthToken } from './scenarios';

/**
 * Issue 8's harness: `npm run bench -- [--quick | --soak] [--soak-minutes N] [--connections N] [--out results.json]`.
 *
 * Starts a throw-away embedded PostgreSQL and the whole hub in this process (seeded), then @graphql-hive/gateway on
 * the same supergraph and subgraphs, and measures each scenario with autocannon (fixed connections, fixed duration,
 * a maximum request count, loopback only) against our gateway, the Hive gateway and, for scenarios answered by one
 * subgraph, that subgraph directly. Ends with one line `RESULT hive_rps_ratio=<x> direct_p95_ratio=<y>`.
 * `--soak` instead loads our gateway for 10 minutes and reports how heap and RSS grow.
 */

interface Settings {
  mode: 'quick' | 'full' | 'soak';
  connections: number;
  /** Seconds per scenario × target. */
  duration: number;
  maxRequests: number;
  /** A run goes on past `duration` (up to `maxDuration`) until it has this many answers. */
  minResponses: number;
  maxDuration: number;
  /** Also measure the Hive gateway with its deduplication of identical in-flight subgraph requests turned off. */
  hiveNoDedupe: boolean;
  /** Warm-up requests per scenario × target before measuring, and the most time they may take (ms). */
  warmup: number;
  warmupMs: number;
  soakMinutes: number;
  out?: string;
}

function parseArgs(argv: string[]): Settings {
  const has = (flag: string) => argv.includes(flag);
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const known = new Set(['--quick', '--soak', '--soak-minutes', '--connections', '--out', '--hive-no-dedupe']);
  for (const [i, arg] of argv.entries()) {
    if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown option ${arg} (known: ${[...known].join(', ')})`);
    if (!arg.startsWith('--') && !['--soak-minutes', '--connections', '--out'].includes(argv[i - 1])) throw new Error(`unexpected argument ${arg}`);
  }
  const positive = (flag: string, fallback: number) => {
    const raw = value(flag);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number, not ${JSON.stringify(raw)}`);
    return n;
  };
  const mode = has('--soak') ? 'soak' : has('--quick') ? 'quick' : 'full';
  return {
    mode,
    connections: Math.round(positive('--connections', 10)),
    duration: mode === 'quick' ? 2 : 20,
    maxRequests: mode === 'quick' ? 50_000 : 500_000,
    minResponses: mode === 'quick' ? 3 : 50,
    maxDuration: mode === 'quick' ? 6 : 60,
    hiveNoDedupe: has('--hive-no-dedupe'),
    warmup: mode === 'quick' ? 100 : 1_000,
    warmupMs: mode === 'quick' ? 400 : 3_000,
    soakMinutes: positive('--soak-minutes', 10),
    out: value('--out'),
  };
}

const say = (line: string) => console.log(line);
const loadAverage = () => os.loadavg().map((x) => x.toFixed(2)).join(' ') + ' (1, 5, 15 min)';

interface Environment {
  /** How the harness signs requests it sends to subgraphs directly, as the gateway does. */
  signing: { secret: string; anonymous: string; partner: string };
  hub: RunningHub;
  hive?: RunningHiveGateway;
  hiveNoDedupe?: RunningHiveGateway;
  subgraphUrls: Record<SubgraphName, string>;
  stop(): Promise<void>;
}

/** A token for the authenticated scenario, signed with the bench hub's own key. */
async function benchToken(dataDir: string, issuer: string, audience: string, identity: Identity & { sub: string }): Promise<string> {
  const { privateJwk } = await ensureDevKeys(dataDir);
  return new SignJWT({ role: identity.role, org: identity.org })
    .setProtectedHeader({ alg: DEV_ALGORITHM, kid: privateJwk.kid })
    .setSubject(identity.sub)
    .setIssuer(issuer)
    .setAudience(audience)
    .setExpirationTime('2h')
    .sign(await importJWK(privateJwk, DEV_ALGORITHM));
}

/** Embedded PostgreSQL in a temporary folder, the seeded hub, and (unless soaking) the Hive gateway. */
async function startEnvironment(withHive: boolean, withHiveNoDedupe = false): Promise<Environment> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err) => console.error('bench: error while stopping:', err));
  };
  if (withHive) preloadHiveGateway();
  try {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketenkaart-bench-'));
    stops.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const t0 = performance.now();
    const db: EmbeddedDatabase = await startEmbeddedDatabase({ dataDir, port: await freePort(), persistent: false });
    stops.push(() => db.stop());
    say(`start: embedded PostgreSQL ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const t1 = performance.now();
    // Authorisation on, as in production: a key pair for tokens, a signing secret shared with the subgraphs.
    await ensureDevKeys(dataDir);
    const signingSecret = randomBytes(32).toString('base64url');
    const config = loadConfig({
      // Settings such as the authorisation secrets come from the environment; where it listens and the database do not.
      ...process.env,
      NODE_ENV: process.env.NODE_ENV ?? 'production',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      HOST: '127.0.0.1',
      GATEWAY_PORT: '0',
      PARTNERS_PORT: '0',
      LEGAL_PORT: '0',
      TERRITORY_PORT: '0',
      INSTRUMENTS_PORT: '0',
      PARTNERS_URL: undefined,
      LEGAL_URL: undefined,
      TERRITORY_URL: undefined,
      INSTRUMENTS_URL: undefined,
      DATABASE_OWNER_URL: db.url,
      // The benchmark is one client on one address sending far more than any person would.
      RATE_LIMIT_PER_ADDRESS: '0',
      RATE_LIMIT_PER_IDENTITY: '0',
      DATABASE_URL: db.serviceUrl,
      KETENKAART_DATA_DIR: dataDir,
      JWT_PUBLIC_KEY_FILE: path.join(dataDir, 'keys', 'dev-public.jwk.json'),
      SUBGRAPH_SIGNING_SECRET: signingSecret,
    });
    const partner = { role: 'PARTNER' as const, org: 'parket-limburg', sub: 'bench-partner' };
    setAuthToken(await benchToken(dataDir, config.jwt.issuer, config.jwt.audience, partner));
    const signing = { secret: signingSecret, anonymous: encodeIdentity(ANONYMOUS), partner: encodeIdentity(partner) };
    const hub = await startHub(config, { seed: true, logger: createLogger('bench', config.logLevel) });
    stops.push(() => hub.stop());
    say(`start: hub migrated, seeded and listening in ${((performance.now() - t1) / 1000).toFixed(1)} s (NODE_ENV=${config.env}, DB_POOL_SIZE=${config.dbPoolSize})`);
    const subgraphUrls = Object.fromEntries(hub.subgraphs.map((s) => [s.name, s.url])) as Record<SubgraphName, string>;
    for (const url of [hub.gateway.url, ...Object.values(subgraphUrls)]) assertLoopback(url);

    let hive: RunningHiveGateway | undefined;
    if (withHive) {
      const t2 = performance.now();
      // The very file our gateway read at start-up.
      hive = await startHiveGateway({ supergraphSdl: readSupergraph(), subgraphUrls, host: '127.0.0.1', signing: { secret: signingSecret, identity: signing.anonymous } });
      stops.push(() => hive!.stop());
      assertLoopback(hive.url);
      say(`start: @graphql-hive/gateway ${hive.version} listening in ${((performance.now() - t2) / 1000).toFixed(1)} s`);
    }
    let hiveNoDedupe: RunningHiveGateway | undefined;
    if (withHive && withHiveNoDedupe) {
      hiveNoDedupe = await startHiveGateway({ supergraphSdl: readSupergraph(), subgraphUrls, host: '127.0.0.1', deduplicateInflightRequests: false, signing: { secret: signingSecret, identity: signing.anonymous } });
      stops.push(() => hiveNoDedupe!.stop());
      assertLoopback(hiveNoDedupe.url);
      say('start: a second @graphql-hive/gateway, without in-flight deduplication of subgraph requests');
    }
    return { hub, hive, hiveNoDedupe, subgraphUrls, signing, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

interface Checked {
  body?: string;
  data?: unknown;
  problem?: string;
}

/** One request before the load: the target must answer 200 with data and no errors, or it is not measured. */
async function check(url: string, s: Scenario, headers: () => Record<string, string>): Promise<Checked> {
  assertLoopback(url);
  try {
    const response = await fetch(url, { method: 'POST', headers: headers(), body: requestBody(s), signal: AbortSignal.timeout(10_000) });
    const body = await response.text();
    let parsed: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    try {
      parsed = JSON.parse(body);
    } catch {
      return { problem: `HTTP ${response.status}, not JSON: ${body.slice(0, 120)}` };
    }
    if (response.status !== 200 || parsed.errors?.length || parsed.data == null) {
      const first = parsed.errors?.[0];
      return { problem: `HTTP ${response.status}${first ? `, ${first.extensions?.code ?? 'error'}: ${first.message.slice(0, 120)}` : ', no data'}` };
    }
    return { body, data: parsed.data };
  } catch (err) {
    return { problem: err instanceof Error ? err.message : String(err) };
  }
}

/** Waits until the target answers a probe quickly again (what the load left in flight has finished), at most 10 s. */
async function drain(url: string, maxLatencyMs: number, sign?: { secret: string; identity: string }): Promise<void> {
  const deadline = performance.now() + Math.min(10_000, Math.max(200, 2 * maxLatencyMs));
  while (performance.now() < deadline) {
    const t = performance.now();
    try {
      const body = '{"query":"{ __typename }"}';
      const signed = sign ? signedHeaders(sign.secret, sign.identity, body) : {};
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signed }, body });
      await response.arrayBuffer();
    } catch {
      return;
    }
    if (performance.now() - t < 20) return;
  }
}

/** A few hundred requests over the connections, to plan, cache and JIT what the measured run will use. */
async function warmUp(url: string, s: Scenario, headers: () => Record<string, string>, requests: number, connections: number, maxMs: number): Promise<void> {
  const deadline = performance.now() + maxMs;
  let left = requests;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (left-- > 0 && performance.now() < deadline) {
        const response = await fetch(url, { method: 'POST', headers: headers(), body: requestBody(s) });
        await response.arrayBuffer();
      }
    }),
  );
}

function targetsOf(env: Environment, s: Scenario): Array<{ target: TargetName; url: string }> {
  const targets: Array<{ target: TargetName; url: string }> = [{ target: 'ours', url: env.hub.gateway.url }];
  if (env.hive) targets.push({ target: 'hive', url: env.hive.url });
  if (env.hiveNoDedupe) targets.push({ target: 'hiveNoDedupe', url: env.hiveNoDedupe.url });
  if (s.subgraph) targets.push({ target: 'direct', url: env.subgraphUrls[s.subgraph] });
  return targets;
}

/** Measures every scenario × target, prints the tables and returns the RESULT line. */
async function benchmark(settings: Settings, env: Environment, load: LoadClient): Promise<string> {
  const measurements: Measurement[] = [];
  for (const s of SCENARIOS) {
    let reference: unknown;
    for (const { target, url } of targetsOf(env, s)) {
      const label = `${s.name} → ${TARGET_LABEL[target]}${target === 'direct' ? ` (${s.subgraph})` : ''}`;
      // Straight to a subgraph, the harness signs as the gateway would (as the partner, or anonymously).
      const sign = target === 'direct' ? { secret: env.signing.secret, identity: s.authenticated ? env.signing.partner : env.signing.anonymous } : undefined;
      const headers = () => ({ ...requestHeaders(s), ...(sign ? signedHeaders(sign.secret, sign.identity, requestBody(s)) : {}) });
      const checked = await check(url, s, headers);
      if (checked.problem) {
        say(`  ${label}: skipped (${checked.problem})`);
        measurements.push({ scenario: s.name, target, url, skipped: checked.problem });
        continue;
      }
      if (reference === undefined) reference = checked.data;
      else if (!isDeepStrictEqual(reference, checked.data)) say(`  ${label}: WARNING its data differ from our gateway's answer`);
      await warmUp(url, s, headers, settings.warmup, settings.connections, settings.warmupMs);
      const result = await load.run({
        url,
        connections: settings.connections,
        duration: settings.duration,
        minResponses: settings.minResponses,
        maxDuration: settings.maxDuration,
        maxRequests: settings.maxRequests,
        requests: [{ method: 'POST', path: new URL(url).pathname, headers: requestHeaders(s), body: requestBody(s) }],
        // Every answer must be the checked one, byte for byte; anything else is counted as bad.
        expectBody: checked.body,
        sign,
      });
      // Requests the load cut off are still being answered: let them finish, so the next run starts on a quiet hub.
      await drain(url, result.max, sign);
      const bad = result.errors + result.non2xx + result.mismatches;
      say(`  ${label}: ${result.rps.toFixed(0)} req/s, p95 ${result.p95.toFixed(1)} ms${bad ? `, ${bad} bad answers` : ''}`);
      measurements.push({ scenario: s.name, target, url, result });
    }
  }
  const ratios = ratiosOf(measurements);
  say('');
  say(formatTables(measurements, ratios));
  say('');
  say('bad = connection errors + non-2xx + answers that differ from the checked one. Ratios: rps above 1 = faster than Hive; p95 ratio = cost of the gateway hop.');
  if (settings.out) {
    fs.writeFileSync(settings.out, JSON.stringify({ settings, node: process.version, cpus: os.cpus().length, measurements, ratios }, null, 2));
    say(`results written to ${settings.out}`);
  }
  return resultLine(ratios);
}

/** Samples the process's memory every 10 s under load, after a full collection where one can be forced. */
async function soak(settings: Settings, env: Environment, load: LoadClient): Promise<string> {
  const gc = exposeGc();
  const scenarios: Scenario[] = [];
  for (const s of SCENARIOS) {
    const checked = await check(env.hub.gateway.url, s, () => requestHeaders(s));
    if (checked.problem) say(`  ${s.name}: left out of the soak (${checked.problem})`);
    else scenarios.push(s);
  }
  if (!scenarios.length) throw new Error('no scenario answers cleanly: nothing to soak');
  const pathname = new URL(env.hub.gateway.url).pathname;
  const requests: LoadRequest[] = scenarios.map((s) => ({ method: 'POST', path: pathname, headers: requestHeaders(s), body: requestBody(s) }));
  const seconds = Math.round(settings.soakMinutes * 60);
  say(`soak: ${scenarios.length} scenarios in turn against our gateway, ${settings.connections} connections, ${seconds} s; memory every 10 s${gc ? ' after a forced full GC' : ''}`);
  const samples: Array<{ t: number; heap: number; rss: number }> = [];
  const started = performance.now();
  const sample = () => {
    gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    const t = (performance.now() - started) / 1000;
    samples.push({ t, heap: heapUsed / 2 ** 20, rss: rss / 2 ** 20 });
    say(`  t=${t.toFixed(0).padStart(4)} s  heapUsed ${(heapUsed / 2 ** 20).toFixed(1).padStart(7)} MiB  rss ${(rss / 2 ** 20).toFixed(1).padStart(7)} MiB`);
  };
  sample();
  const timer = setInterval(sample, 10_000);
  const result = await load.run({ url: env.hub.gateway.url, connections: settings.connections, duration: seconds, minResponses: 0, maxDuration: seconds, maxRequests: 5_000_000, requests });
  clearInterval(timer);
  sample();
  await drain(env.hub.gateway.url, result.max);
  const perMinute = (pick: (s: { heap: number; rss: number }) => number, from: number) => {
    const kept = samples.filter((s) => s.t >= from);
    return slope(kept.map((s) => s.t / 60), kept.map(pick));
  };
  const warm = Math.min(120, seconds / 5);
  say('');
  say(`soak: ${result.responses} responses, ${result.rps.toFixed(0)} req/s, p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ${result.errors + result.non2xx} bad`);
  say(`soak: heapUsed slope ${perMinute((s) => s.heap, 0).toFixed(3)} MiB/min overall, ${perMinute((s) => s.heap, warm).toFixed(3)} MiB/min after the first ${warm.toFixed(0)} s`);
  say(`soak: rss slope ${perMinute((s) => s.rss, 0).toFixed(3)} MiB/min overall, ${perMinute((s) => s.rss, warm).toFixed(3)} MiB/min after the first ${warm.toFixed(0)} s`);
  if (settings.out) fs.writeFileSync(settings.out, JSON.stringify({ settings, node: process.version, samples, result }, null, 2));
  return `SOAK heap_slope_mib_per_min=${perMinute((s) => s.heap, warm).toFixed(3)} rss_slope_mib_per_min=${perMinute((s) => s.rss, warm).toFixed(3)}`;
}

/** A full collection before each memory sample makes heapUsed comparable; the flag can be set at run time. */
function exposeGc(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const settings = parseArgs(process.argv.slice(2));
  // The run ends by itself, whatever happens: a generous deadline per mode.
  const deadlineMs = settings.mode === 'soak' ? (settings.soakMinutes * 60 + 300) * 1000 : settings.mode === 'quick' ? 180_000 : 1_800_000;
  setTimeout(() => {
    console.error(`bench: still running after ${deadlineMs / 1000} s; giving up`);
    process.exit(2);
  }, deadlineMs).unref();

  const started = performance.now();
  say(`Ketenkaart bench (${settings.mode}): node ${process.version}, ${os.cpus().length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; ${settings.connections} connections${settings.mode === 'soak' ? '' : `, ${settings.duration} s per target, at most ${settings.maxRequests} requests`}`);
  // Other work on the machine skews every number: say how busy it was.
  say(`load average before: ${loadAverage()}`);
  const env = await startEnvironment(settings.mode !== 'soak', settings.hiveNoDedupe);
  const load = new LoadClient();
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await load.close().catch(() => undefined);
    await env.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`bench: ${signal}, stopping…`);
      void shutdown().finally(() => process.exit(130));
    });
  }
  let last: string;
  try {
    last = settings.mode === 'soak' ? await soak(settings, env, load) : await benchmark(settings, env, load);
  } finally {
    await shutdown();
  }
  say(`load average after: ${loadAverage()}`);
  say(`bench: done in ${((performance.now() - started) / 1000).toFixed(1)} s, everything stopped`);
  // The last line, for scripts: RESULT (or SOAK in --soak mode).
  say(last);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('bench failed:', err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
