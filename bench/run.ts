import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { readSupergraph } from '../gateway/supergraph';
import { freePort } from '../hub/free-port';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../hub/embedded-database';
import { type RunningHub, startHub } from '../hub/hub';
import { type SubgraphName, loadConfig } from '../core/config';
import { createLogger } from '../core/logger';
import { type RunningHiveGateway, loadRustPlanner, preloadHiveGateway, startHiveGateway } from './hive-gateway';
import { LoadClient, type LoadRequest, assertLoopback } from './load';
import { type Measurement, type TargetName, TARGET_LABEL, formatTables, hubThreadCells, ratiosOf, resultLine, slope, variedResultLine } from './report';
import { type RunningGateway, startGateway } from '../gateway/server';
import { gatewayRegistry } from '../gateway/metrics';
import { type VariedRequest, type VariedScenario, mixOf, outcomeOf, variedScenarios } from './varied';
import { randomBytes } from 'node:crypto';
import { SignJWT, importJWK } from 'jose';
import { ANONYMOUS, type Identity } from '../core/auth/roles';
import { encodeIdentity, signedHeaders } from '../core/auth/signing';
import { DEV_ALGORITHM, ensureDevKeys } from '../gateway/auth/dev-keys';
import { SCENARIOS, type Scenario, authHeaders, requestBody, requestHeaders, setAuthToken } from './scenarios';

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
  /** The varied workload (the default), or issue 8's fixed scenarios (`--fixed`: one request each, repeated). */
  workload: 'varied' | 'fixed';
  /** How many phenomenon × municipality × partners questions the protocol scenario asks. */
  protocolQuestions: number;
  /** Only the varied scenarios whose name contains this (`--only`), and only these targets (`--targets`): for profiling. */
  only?: string;
  targets?: string[];
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


/** How long and how hard one load runs, as the settings say: the same for every target of a run. */
function loadLimits(settings: Pick<Settings, 'connections' | 'duration' | 'minResponses' | 'maxDuration' | 'maxRequests'>) {
  const { connections, duration, minResponses, maxDuration, maxRequests } = settings;
  return { connections, duration, minResponses, maxDuration, maxRequests };
}

function parseArgs(argv: string[]): Settings {
  const has = (flag: string) => argv.includes(flag);
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const known = new Set(['--quick', '--soak', '--soak-minutes', '--connections', '--out', '--hive-no-dedupe', '--fixed', '--duration', '--only', '--targets']);
  for (const [i, arg] of argv.entries()) {
    if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown option ${arg} (known: ${[...known].join(', ')})`);
    if (!arg.startsWith('--') && !['--soak-minutes', '--connections', '--out', '--duration', '--only', '--targets'].includes(argv[i - 1])) throw new Error(`unexpected argument ${arg}`);
  }
  const positive = (flag: string, fallback: number) => {
    const raw = value(flag);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number, not ${JSON.stringify(raw)}`);
    return n;
  };
  const mode = has('--soak') ? 'soak' : has('--quick') ? 'quick' : 'full';
  const workload = has('--fixed') ? 'fixed' : 'varied';
  return {
    mode,
    workload,
    protocolQuestions: 600,
    only: value('--only'),
    targets: value('--targets')?.split(','),
    connections: Math.round(positive('--connections', 10)),
    duration: positive('--duration', mode === 'quick' ? 2 : workload === 'varied' ? 8 : 20),
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
  /** A second replica of our gateway, with the response cache off: "our gateway" in every table. */
  uncached: RunningGateway;
  /** The owner's URL of the bench database, to read the workload's arguments the API does not list. */
  databaseUrl: string;
  hive?: RunningHiveGateway;
  hiveCached?: RunningHiveGateway;
  hiveRust?: RunningHiveGateway;
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
    .setIssuedAt()
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
    // The hub's gateway has the response cache on (listening on the bench database); this replica has it off.
    const subgraphs = { ...config.subgraphs };
    for (const s of hub.subgraphs) subgraphs[s.name] = { port: Number(new URL(s.url).port), url: s.url };
    const uncached = await startGateway({
      config: { ...config, signingSecret, subgraphs, responseCache: { maxMegabytes: 0 } },
      log: createLogger('bench', config.logLevel),
    });
    stops.push(() => uncached.stop());
    for (const url of [hub.gateway.url, uncached.url, ...Object.values(subgraphUrls)]) assertLoopback(url);

    let hive: RunningHiveGateway | undefined;
    if (withHive) {
      const t2 = performance.now();
      // The very file our gateway read at start-up.
      hive = await startHiveGateway({ supergraphSdl: readSupergraph(), subgraphUrls, host: '127.0.0.1', signing: { secret: signingSecret, identity: signing.anonymous } });
      stops.push(() => hive!.stop());
      assertLoopback(hive.url);
      say(`start: @graphql-hive/gateway ${hive.version} listening in ${((performance.now() - t2) / 1000).toFixed(1)} s`);
    }
    let hiveCached: RunningHiveGateway | undefined;
    let hiveRust: RunningHiveGateway | undefined;
    if (withHive) {
      hiveCached = await startHiveGateway({ supergraphSdl: readSupergraph(), subgraphUrls, host: '127.0.0.1', responseCache: true, signing: { secret: signingSecret, identity: signing.anonymous } });
      stops.push(() => hiveCached!.stop());
      assertLoopback(hiveCached.url);
      say('start: a second @graphql-hive/gateway with its response cache (responseCaching: { session: () => null })');
      const rust = await loadRustPlanner();
      if (rust.handler) {
        try {
          hiveRust = await startHiveGateway({ supergraphSdl: readSupergraph(), subgraphUrls, host: '127.0.0.1', unifiedGraphHandler: rust.handler, signing: { secret: signingSecret, identity: signing.anonymous } });
          stops.push(() => hiveRust!.stop());
          assertLoopback(hiveRust.url);
          say(`start: a third @graphql-hive/gateway with the Rust query planner (@graphql-hive/router-runtime ${rust.version})`);
        } catch (err) {
          say(`start: Hive with the Rust query planner did not start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
        }
      } else {
        say(`start: no Hive with the Rust query planner: ${rust.problem}`);
      }
    }
    let hiveNoDedupe: RunningHiveGateway | undefined;
    if (withHive && withHiveNoDedupe) {
      hiveNoDedupe = await startHiveGateway({ supergraphSdl: readSupergraph(), subgraphUrls, host: '127.0.0.1', deduplicateInflightRequests: false, signing: { secret: signingSecret, identity: signing.anonymous } });
      stops.push(() => hiveNoDedupe!.stop());
      assertLoopback(hiveNoDedupe.url);
      say('start: a second @graphql-hive/gateway, without in-flight deduplication of subgraph requests');
    }
    return { hub, uncached, databaseUrl: db.url, hive, hiveCached, hiveRust, hiveNoDedupe, subgraphUrls, signing, stop };
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
  const targets: Array<{ target: TargetName; url: string }> = [{ target: 'ours', url: env.uncached.url }];
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
        ...loadLimits(settings),
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

/** Our response cache's lookups so far, from the gateway's own Prometheus counter. */
async function responseCacheLookups(): Promise<{ hits: number; total: number }> {
  const metric = gatewayRegistry.getSingleMetric('gateway_cache_lookups_total');
  const values = metric ? (await metric.get()).values : [];
  let hits = 0;
  let total = 0;
  for (const v of values) {
    if (v.labels.cache !== 'response') continue;
    total += v.value;
    if (v.labels.result === 'hit') hits += v.value;
  }
  return { hits, total };
}

/** Runs `work` on `items` with `parallel` at a time. */
async function inParallel<T>(items: T[], parallel: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  }));
}

function variedTargets(env: Environment, s: VariedScenario): Array<{ target: TargetName; url: string }> {
  const targets: Array<{ target: TargetName; url: string }> = [{ target: 'ours', url: env.uncached.url }];
  if (env.hive) targets.push({ target: 'hive', url: env.hive.url });
  if (env.hiveRust) targets.push({ target: 'hiveRust', url: env.hiveRust.url });
  targets.push({ target: 'oursCached', url: env.hub.gateway.url });
  if (env.hiveCached) targets.push({ target: 'hiveCached', url: env.hiveCached.url });
  if (s.subgraph) targets.push({ target: 'direct', url: env.subgraphUrls[s.subgraph] });
  return targets;
}

/**
 * The varied workload: per scenario, first every distinct request once through our gateway (cache off) to learn
 * what its answer is (data, or the error a typo is meant to get; requests that fail otherwise are left out and
 * counted), then a measured run against each target in a shuffled rotation, every answer checked against that.
 */
async function variedBenchmark(settings: Settings, env: Environment, load: LoadClient): Promise<string> {
  const t0 = performance.now();
  const scenarios = (await variedScenarios(env.uncached.url, env.databaseUrl, { protocolQuestions: settings.protocolQuestions })).filter(
    (s) => !settings.only || s.name.includes(settings.only),
  );
  const partnerHeaders = authHeaders();
  const pathname = new URL(env.uncached.url).pathname;
  const headersOf = (r: VariedRequest) => ({ 'content-type': 'application/json', accept: 'application/json', ...(r.authenticated ? partnerHeaders : {}) });
  for (const s of scenarios) {
    const unexpected: string[] = [];
    await inParallel(s.requests, settings.connections, async (r) => {
      const response = await fetch(env.uncached.url, { method: 'POST', headers: headersOf(r), body: r.body });
      r.expect = outcomeOf(await response.text(), r.root);
    });
    const kept = s.requests.filter((r) => r.expect === 'data' || r.expect === 'NOT_FOUND');
    for (const r of s.requests) if (!kept.includes(r) && unexpected.length < 3) unexpected.push(`${r.body.slice(-100)} → ${r.expect}`);
    const counts = new Map<string, number>();
    for (const r of s.requests) counts.set(r.expect, (counts.get(r.expect) ?? 0) + 1);
    say(`  ${s.name}: ${s.requests.length} distinct requests (${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')})${kept.length < s.requests.length ? `; ${s.requests.length - kept.length} left out, e.g. ${unexpected.join('; ')}` : ''}`);
    s.requests = kept;
  }
  if (scenarios.length > 1) scenarios.push(mixOf(scenarios));
  const distinct = new Set(scenarios.flatMap((s) => s.requests.map((r) => `${r.authenticated ? 'partner' : 'anonymous'} ${r.body}`))).size;
  say(`workload: ${distinct} distinct requests over ${scenarios.length} scenarios (the mix reuses the others'), checked in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const measurements: Measurement[] = [];
  for (const s of scenarios) {
    if (!s.requests.length) continue;
    for (const { target, url } of variedTargets(env, s).filter((t) => !settings.targets || settings.targets.includes(t.target))) {
      const label = `${s.name} → ${TARGET_LABEL[target]}${target === 'direct' ? ` (${s.subgraph})` : ''}`;
      const sign = target === 'direct' ? { secret: env.signing.secret, identity: s.authenticated ? env.signing.partner : env.signing.anonymous } : undefined;
      const requests: LoadRequest[] = s.requests.map((r) => ({ method: 'POST', path: new URL(url).pathname || pathname, headers: headersOf(r), body: r.body }));
      const checks = s.requests.map((r) => ({ root: r.root, expect: r.expect }));
      // A short warm-up from the end of the rotation (plans, JIT); the run starts at its beginning.
      const warm = s.requests.slice(-Math.min(settings.warmup, Math.floor(s.requests.length / 4)));
      const sample = await (async () => {
        const probe = s.requests.slice(0, 3);
        for (const r of probe) {
          const h = { ...headersOf(r), ...(sign ? signedHeaders(sign.secret, sign.identity, r.body) : {}) };
          const response = await fetch(url, { method: 'POST', headers: h, body: r.body });
          const outcome = outcomeOf(await response.text(), r.root);
          if (outcome !== r.expect) return `HTTP ${response.status}, ${outcome} where our gateway answered ${r.expect}`;
        }
        return undefined;
      })();
      if (sample) {
        say(`  ${label}: skipped (${sample})`);
        measurements.push({ scenario: s.name, target, url, skipped: sample });
        continue;
      }
      await inParallel(warm, settings.connections, async (r) => {
        const h = { ...headersOf(r), ...(sign ? signedHeaders(sign.secret, sign.identity, r.body) : {}) };
        await (await fetch(url, { method: 'POST', headers: h, body: r.body })).arrayBuffer();
      });
      const before = await responseCacheLookups();
      const busyBefore = performance.eventLoopUtilization();
      const result = await load.run({
        url,
        ...loadLimits(settings),
        requests,
        rotate: true,
        checks,
        sign,
      });
      const busy = performance.eventLoopUtilization(busyBefore);
      const after = await responseCacheLookups();
      await drain(url, result.max, sign);
      // The subgraphs, our gateways and Hive's share this thread: its busy time per answer is what a target costs
      // here (PostgreSQL and the load are elsewhere); an idle share says the bottleneck was not this thread.
      const hubThread = { busyMsPerResponse: result.responses ? busy.active / result.responses : NaN, utilisation: busy.utilization };
      const [hubMs, hubBusy] = hubThreadCells(hubThread);
      const cacheHit = target === 'oursCached' && after.total > before.total ? (after.hits - before.hits) / (after.total - before.total) : undefined;
      const bad = result.errors + result.mismatches;
      say(`  ${label}: ${result.rps.toFixed(0)} req/s, p95 ${result.p95.toFixed(1)} ms, hub thread ${hubMs} ms a response (busy ${hubBusy})${cacheHit !== undefined ? `, cache hit ${cacheHit.toFixed(2)}` : ''}${bad ? `, ${bad} bad answers, e.g. ${result.mismatchExamples?.join(' | ')}` : ''}`);
      measurements.push({ scenario: s.name, target, url, result: { ...result, non2xx: 0 }, cacheHit, hubThread });
    }
  }
  const ratios = ratiosOf(measurements);
  say('');
  say(formatTables(measurements, ratios));
  say('');
  say('bad = connection errors + answers other than the checked one (data, or the NOT_FOUND a typo gets). Ratios: rps above 1 = faster than Hive; p95 ratio = cost of the gateway hop.');
  if (settings.out) {
    fs.writeFileSync(settings.out, JSON.stringify({ settings, node: process.version, cpus: os.cpus().length, distinct, measurements, ratios }, null, 2));
    say(`results written to ${settings.out}`);
  }
  return variedResultLine(ratios, distinct);
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
  const deadlineMs = settings.mode === 'soak' ? (settings.soakMinutes * 60 + 300) * 1000 : settings.mode === 'quick' ? 600_000 : 1_800_000;
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
    last =
      settings.mode === 'soak' ? await soak(settings, env, load) : settings.workload === 'varied' ? await variedBenchmark(settings, env, load) : await benchmark(settings, env, load);
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
