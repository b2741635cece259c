import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { type CryptoKey, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../core/auth/roles';
import { encodeIdentity, signedHeaders } from '../../core/auth/signing';
import { PROJECT_ROOT } from '../../core/paths';
import { createTestDatabase, queryRows } from '../helpers/database';
import {
  type ComposeService,
  PortMap,
  ServiceProcess,
  buildImage,
  dependenciesOf,
  freePort,
  interpolate,
  readCompose,
  readDockerfile,
  startOrder,
  waitUntilReady,
} from '../helpers/split-deployment';

/**
 * `docker compose up` without Docker: the image built as the Dockerfile builds it, PostgreSQL, the one-shot
 * migrate job, each subgraph and the gateway as separate processes, each started with its compose `command` and
 * the image ENV plus its compose `environment`, in compose's depends_on order. The only deviations:
 * - every compose `service:port` (and the published `localhost:4000`) is 127.0.0.1 and a free port;
 * - the `postgres` service is this run's PostgreSQL server: a fresh, empty database on it, owned by its superuser
 *   (as POSTGRES_USER is the image's); DATABASE_OWNER_URL names it as that owner, DATABASE_URL as the services' role
 *   of the file (its name and password), which the migrate job creates on this server;
 * - the identity provider is a JWKS served by this test on loopback (JWT_JWKS_URL).
 */

const SIGNING_SECRET = 'split-deployment-test-secret-0123456789abcdef';
// An idle service has nothing to wait for: far below the drain limit (10 s) and compose's stop_grace_period.
const IDLE_EXIT_MS = 2000;

const compose = readCompose();
const stages = readDockerfile();
const runtime = stages.at(-1)!;
const serviceNames = Object.keys(compose.services);
const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');

function readmeSection(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no section "${title}"`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

const codeBlocks = (section: string, lang: string) =>
  [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1].replace(/\\\n\s*/g, ' '));

describe('the split deployment: docker-compose.yml and the Dockerfile, each service its own process', () => {
  let image: ReturnType<typeof buildImage> | undefined;
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let jwks: http.Server | undefined;
  let signingKey: CryptoKey;
  const ports = new PortMap();
  const running = new Map<string, ServiceProcess>();
  const all: ServiceProcess[] = [];
  const envOf: Record<string, Record<string, string>> = {};
  const listenPortOf: Record<string, number> = {};

  const dump = () => {
    for (const p of all) {
      const state = p.exited ? `exited ${p.exited.code ?? p.exited.signal}` : 'running';
      console.error(`\n===== ${p.name} (pid ${p.child.pid}, ${state}), last of its output =====\n${p.output.slice(-4000)}`);
    }
  };
  const killAll = () => all.forEach((p) => p.kill());
  process.once('exit', killAll);

  const start = (name: string, command: string[], env: Record<string, string>) => {
    const p = new ServiceProcess(name, command, env, image!.appDir);
    all.push(p);
    return p;
  };
  const url = (service: string, pathname: string) => `http://127.0.0.1:${listenPortOf[service]}${pathname}`;
  const gatewayUrl = () => url('gateway', '/graphql');

  beforeAll(async () => {
    try {
      image = buildImage(stages);

      // The identity provider: its JWKS on loopback, and a key that signs the test's tokens.
      const { privateKey, publicKey } = await generateKeyPair('ES256');
      signingKey = privateKey;
      const publicJwk = { ...(await exportJWK(publicKey)), kid: 'split-test', alg: 'ES256', use: 'sig' };
      jwks = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] })));
      await new Promise<void>((r) => jwks!.listen(0, '127.0.0.1', r));

      db = await createTestDatabase({ migrate: false });
      const vars = {
        SUBGRAPH_SIGNING_SECRET: SIGNING_SECRET,
        JWT_JWKS_URL: `http://127.0.0.1:${(jwks.address() as net.AddressInfo).port}/.well-known/jwks.json`,
      };
      const postgres = compose.services.postgres;
      const pgEnv = Object.fromEntries(Object.entries(postgres.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), vars)]));

      for (const [name, service] of Object.entries(compose.services)) {
        envOf[name] = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), vars)]));
      }
      await ports.prepare(serviceNames, envOf);
      for (const [name, env] of Object.entries(envOf)) {
        if (name === 'postgres') continue;
        for (const [key, value] of Object.entries(env)) {
          // A service's own *_PORT is where it listens: the same local port its peers reach it on.
          if (key.endsWith('_PORT')) {
            listenPortOf[name] = await ports.reserve(name, Number(value));
            env[key] = String(listenPortOf[name]);
          } else if (key === 'DATABASE_URL' || key === 'DATABASE_OWNER_URL') {
            const given = new URL(value);
            // What the file promises the postgres service provides, before it is swapped for this run's server.
            expect(given.host, `${name}: ${key} names the postgres service`).toBe('postgres:5432');
            expect(given.pathname).toBe(`/${pgEnv.POSTGRES_DB}`);
            if (decodeURIComponent(given.username) === pgEnv.POSTGRES_USER) {
              // The image's POSTGRES_USER, the owner: this run's server's owner of the test database.
              expect(decodeURIComponent(given.password)).toBe(pgEnv.POSTGRES_PASSWORD);
              env[key] = db.url;
            } else {
              // Any other role is the migrate job's to create: with the file's own name and password, on this server.
              const local = new URL(db.url);
              local.username = given.username;
              local.password = given.password;
              env[key] = local.toString();
            }
          } else {
            env[key] = ports.rewrite(value, serviceNames);
          }
        }
      }

      // Compose's order: a service starts when what it depends on has started, is healthy, or has completed.
      for (const name of startOrder(compose.services)) {
        const service: ComposeService = compose.services[name];
        if (name === 'postgres') continue; // this run's PostgreSQL server, already up
        for (const dep of dependenciesOf(service)) {
          if (dep.name === 'postgres') continue; // healthy: it just created the test's database
          const p = running.get(dep.name);
          if (dep.condition === 'service_completed_successfully') {
            const exit = await p!.exit;
            expect(exit.code, `${dep.name} must complete successfully before ${name} starts:\n${p!.output}`).toBe(0);
          } else if (dep.condition === 'service_healthy') {
            await waitUntilReady(p!, url(dep.name, '/ready'));
          } else {
            // service_started: compose does not wait for readiness, so neither does this; the gateway must cope.
            expect(p?.running, `${dep.name} has started before ${name}`).toBe(true);
          }
        }
        const command = service.command ?? runtime.cmd!;
        const p = start(name, command, { PATH: process.env.PATH!, ...runtime.env, ...envOf[name] });
        running.set(name, p);
      }
      for (const [name, p] of running) if (listenPortOf[name]) await waitUntilReady(p, url(name, '/ready'));
    } catch (err) {
      dump();
      throw err;
    }
  }, 300_000);

  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') dump();
  });

  afterAll(async () => {
    killAll();
    await Promise.all(all.map((p) => p.exit));
    await db?.drop();
    await new Promise((r) => (jwks ? jwks.close(r) : r(undefined)));
    image?.cleanup();
  });

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(gatewayUrl(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: res.status, ...((await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> }) };
  };

  it('ran the migrate job (migrations and seed) to exit code 0 before any subgraph started', async () => {
    const migrate = running.get('migrate')!;
    expect(migrate.exited?.code).toBe(0);
    const firstSubgraph = Math.min(...all.filter((p) => p.name !== 'migrate' && p.name !== 'gateway').map((p) => p.startedAt));
    expect(migrate.exited!.at).toBeLessThanOrEqual(firstSubgraph);
    expect(migrate.output).toMatch(/seed|loaded/i);
  });

  it("connects every subgraph as the file's services' role, which owns nothing, not as the owner", async () => {
    const role = decodeURIComponent(new URL(envOf.partners.DATABASE_URL).username);
    // Each answers /ready with a query, so that each has a connection open (idle ones close after a while).
    for (const name of ['partners', 'legal', 'territory', 'instruments']) expect((await fetch(url(name, '/ready'))).status).toBe(200);
    const rows = await queryRows<{ app: string; usename: string }>(
      db!.url,
      "SELECT DISTINCT application_name AS app, usename FROM pg_stat_activity WHERE datname = current_database() AND application_name ~ '^ketenkaart-(partners|legal|territory|instruments)$' ORDER BY 1",
    );
    expect(rows).toEqual(['instruments', 'legal', 'partners', 'territory'].map((s) => ({ app: `ketenkaart-${s}`, usename: role })));
    const [owns] = await queryRows<{ n: number; superuser: boolean }>(db!.url, 'SELECT (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS n, rolsuper AS superuser FROM pg_roles r WHERE rolname = $1', [role]);
    expect(owns).toEqual({ n: 0, superuser: false });
  });

  it('answers the README example queries through the gateway with real data', async () => {
    const section = readmeSection('Querying the hub');
    const [whoIsWho, protocol, serv] = codeBlocks(section, 'graphql');

    const w = await post({ query: whoIsWho });
    expect(w.errors).toBeUndefined();
    // Kortessem merged into Hasselt on 1 January 2025: the card is Hasselt's.
    expect(w.data.whoIsWho.cards[0].municipality.name).toBe('Hasselt');
    expect(w.data.whoIsWho.cards[0].policeZone.name).toEqual(expect.any(String));
    expect(w.data.whoIsWho.cards[0].veiligHuis.organisation.name).toMatch(/Veilig Huis/i);

    const p = await post({ query: protocol });
    expect(p.errors).toBeUndefined();
    expect(p.data.whichProtocolApplies.applicable.length).toBeGreaterThan(0);
    expect(p.data.whichProtocolApplies.applicable[0].agreement.sources.length).toBeGreaterThan(0);

    const s = await post({ query: serv });
    expect(s.errors).toBeUndefined();
    expect(s.data.servSynthesis.length).toBeGreaterThan(0);
    expect(s.data.servSynthesis.flatMap((c: { cells: Array<{ present: boolean }> }) => c.cells).some((c: { present: boolean }) => c.present)).toBe(true);

    const [, search] = /`(search\(query: "[^"]+"\))`/.exec(section) ?? [];
    expect(search, 'the README mentions a search').toBeDefined();
    const hits = await post({ query: `{ ${search} { type label } }` });
    expect(hits.errors).toBeUndefined();
    expect(hits.data.search.map((h: { label: string }) => h.label)).toContainEqual(expect.stringMatching(/Veilig Huis Limburg/i));

    const curl = codeBlocks(section, 'sh').find((b) => b.includes('curl'))!;
    const [, target] = /curl -s (\S+)/.exec(curl)!;
    const [, payload] = /-d '([^']+)'/.exec(curl)!;
    // The README's address is the port compose publishes for the gateway.
    const published = compose.services.gateway.ports!.map((p) => p.split(':'));
    const { host, port, pathname } = new URL(target);
    expect(host === 'localhost' || host === `localhost:${port}`).toBe(true);
    expect(published.some(([hostPort]) => hostPort === port)).toBe(true);
    const res = await fetch(url('gateway', pathname), { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
    const body = (await res.json()) as { data?: any; errors?: unknown };
    expect(res.status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.whoIsWho.cards.map((c: { municipality: { name: string } }) => c.municipality.name)).toContain('Hasselt');
  });

  it("accepts a token signed with the identity provider's JWKS: the README's editor write, refused without it", async () => {
    const section = readmeSection('Keeping the registry current');
    const [block] = codeBlocks(section, 'sh');
    const [, role, org] = /token -- --role (\w+) --org (\S+)\)/.exec(block) ?? [];
    const [mutation, feed] = [...block.matchAll(/-d '([^']+)'/g)].map((m) => JSON.parse(m[1]) as { query: string });
    expect(mutation.query).toMatch(/^mutation/);
    const env = envOf.gateway;
    const sign = (key: CryptoKey) =>
      new SignJWT({ role: role.toUpperCase(), org })
        .setProtectedHeader({ alg: 'ES256', kid: 'split-test' })
        .setSubject('split-test-editor')
        .setIssuer(env.JWT_ISSUER)
        .setAudience(env.JWT_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(key);

    const anonymous = await post(mutation);
    expect(anonymous.errors?.length).toBeGreaterThan(0);
    expect(anonymous.data?.updateOrganisation ?? null).toBeNull();
    const stranger = await sign((await generateKeyPair('ES256')).privateKey);
    expect((await post(mutation, { authorization: `Bearer ${stranger}` })).status).toBe(401);

    const before = new Date(Date.now() - 1000).toISOString();
    const edited = await post(mutation, { authorization: `Bearer ${await sign(signingKey)}` });
    expect(edited.errors).toBeUndefined();
    expect(edited.data.updateOrganisation.version).toBe(2);
    // The write is announced in the change feed (merged by partners from instruments); from just before it, so
    // that the seed's own entries do not fill the page.
    const changes = await post({ query: feed.query.replace(/since: "[^"]+"/, `since: "${before}"`) });
    expect(changes.errors).toBeUndefined();
    expect(changes.data.changes.changes).toContainEqual(expect.objectContaining({ id: org, version: 2 }));
  });

  /**
   * A request is in flight when SIGTERM arrives: its headers and half its body are in, the rest comes after the
   * signal. The service must stop listening (new connections refused), answer that request in full, then exit 0.
   * A second instance of the service (as `docker compose up --scale`) takes the signal, so the first stays up.
   */
  const drainCases: Array<[string, () => { path: string; body: string; headers: Record<string, string>; check(data: any): void }]> = [
    [
      'gateway',
      () => ({
        path: '/graphql',
        body: JSON.stringify({ query: codeBlocks(readmeSection('Querying the hub'), 'graphql')[0] }),
        headers: {},
        check: (data) => expect(data.whoIsWho.cards[0].municipality.name).toBe('Hasselt'),
      }),
    ],
    [
      'territory',
      () => {
        const body = JSON.stringify({ query: '{ municipalities(first: 400) { nodes { name } } }' });
        return {
          path: '/graphql',
          body,
          headers: signedHeaders(SIGNING_SECRET, encodeIdentity(ANONYMOUS), body),
          check: (data) => expect(data.municipalities.nodes.length).toBeGreaterThan(250),
        };
      },
    ],
  ];

  it.each(drainCases)('%s: on SIGTERM refuses new connections, finishes the request in flight with 200, then exits 0', async (name, request) => {
    const port = await freePort();
    const portVar = Object.keys(envOf[name]).find((k) => k.endsWith('_PORT'))!;
    const replica = start(`${name} (second instance)`, compose.services[name].command ?? runtime.cmd!, {
      PATH: process.env.PATH!,
      ...runtime.env,
      ...envOf[name],
      [portVar]: String(port),
    });
    await waitUntilReady(replica, `http://127.0.0.1:${port}/ready`);

    const { path: requestPath, body, headers, check } = request();
    const bytes = Buffer.from(body);
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: requestPath,
      method: 'POST',
      agent: new http.Agent({ keepAlive: true }),
      headers: { 'content-type': 'application/json', 'content-length': String(bytes.length), ...headers },
    });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
    req.write(bytes.subarray(0, bytes.length >> 1));
    await new Promise((r) => setTimeout(r, 300));

    replica.child.kill('SIGTERM');
    const refusedBy = Date.now() + 2000;
    let refused = false;
    while (!refused && Date.now() < refusedBy) {
      refused = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), resolve(false)));
        socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
      });
      if (!refused) await new Promise((r) => setTimeout(r, 50));
    }
    expect(refused, 'new connections are refused once SIGTERM arrived').toBe(true);
    expect(replica.running, 'still draining the request in flight').toBe(true);

    req.end(bytes.subarray(bytes.length >> 1));
    const answer = await response;
    const answered = Date.now();
    expect(answer.status).toBe(200);
    const parsed = JSON.parse(answer.body) as { data?: unknown; errors?: unknown };
    expect(parsed.errors).toBeUndefined();
    check(parsed.data);

    const exit = await replica.exit;
    expect(exit.code).toBe(0);
    expect(exit.at - answered).toBeLessThan(IDLE_EXIT_MS);
  });

  it(`stops every service within ${IDLE_EXIT_MS} ms of SIGTERM when idle, with exit code 0`, async () => {
    // Through every subgraph, so that the gateway holds keep-alive connections to each when they are stopped (as
    // `docker compose stop <subgraph>` or a restart of one does), and the test's client holds one to the gateway.
    const [whoIsWho, protocol, serv] = codeBlocks(readmeSection('Querying the hub'), 'graphql');
    for (const query of [whoIsWho, protocol, serv]) expect((await post({ query })).errors).toBeUndefined();
    const subgraphs = ['partners', 'legal', 'territory', 'instruments'];
    const order = [...subgraphs, 'gateway'];
    for (const name of order) expect(running.get(name)?.running, `${name} is still running`).toBe(true);
    const exits: Record<string, { code: number | null; ms: number }> = {};
    for (const name of order) {
      const { code, ms } = await running.get(name)!.terminate();
      exits[name] = { code, ms };
    }
    console.log('exit after SIGTERM (ms):', JSON.stringify(exits));
    for (const name of order) expect({ name, ...exits[name], fast: exits[name].ms < IDLE_EXIT_MS }).toEqual({ name, code: 0, ms: exits[name].ms, fast: true });
  });

  it('runs one subgraph alone with the README\'s commands, as written', async () => {
    const [block] = codeBlocks(readmeSection('Running one subgraph alone'), 'sh');
    const lines = block.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean);
    // `npm run build` is the image's build step, already done above.
    expect(lines[0]).toBe('npm run build');
    expect(stages[0].runs.join(' && ')).toContain(lines[0]);
    const parse = (line: string) => {
      const words = line.split(/\s+(?![^<]*>)/);
      const env: Record<string, string> = {};
      while (/^\w+=/.test(words[0])) {
        const [key, ...value] = words.shift()!.split('=');
        env[key] = value.join('=');
      }
      return { env, command: words };
    };
    const seed = parse(lines[1]);
    const subgraph = parse(lines[2]);
    // The placeholders a reader fills in: the database (here this run's, already seeded by compose's migrate job,
    // so the seed shows it is idempotent) as its owner and as the services' role (the one compose's migrate job
    // made), the secret, and a free port for 4003.
    const port = await freePort();
    const asOwner = new URL(seed.env.DATABASE_OWNER_URL ?? '');
    const asService = new URL(subgraph.env.DATABASE_URL);
    expect(seed.env.DATABASE_URL, 'the seed is told the services\' role it grants to').toBe(subgraph.env.DATABASE_URL);
    expect(asService.username, 'the subgraph connects as a role other than the owner').not.toBe(asOwner.username);
    expect(subgraph.env.DATABASE_OWNER_URL, 'the subgraph is not given the owner').toBeUndefined();
    const serviceDatabaseUrl = envOf.territory.DATABASE_URL;
    const fill = (env: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(env).map(([k, v]) => [
          k,
          k === 'DATABASE_OWNER_URL'
            ? db!.url
            : k === 'DATABASE_URL'
              ? serviceDatabaseUrl
              : k === 'SUBGRAPH_SIGNING_SECRET'
                ? (expect(v).toMatch(/^<.*>$/), SIGNING_SECRET)
                : k.endsWith('_PORT')
                  ? String(port)
                  : v,
        ]),
      );

    const seeding = start('README seed', seed.command, { PATH: process.env.PATH!, ...fill(seed.env) });
    expect((await seeding.exit).code, seeding.output).toBe(0);

    const alone = start('README territory', subgraph.command, { PATH: process.env.PATH!, ...fill(subgraph.env) });
    await waitUntilReady(alone, `http://127.0.0.1:${port}/ready`);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    const body = JSON.stringify({ query: '{ _service { sdl } }' });
    const unsigned = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    const signed = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedHeaders(SIGNING_SECRET, encodeIdentity(ANONYMOUS), body) },
      body,
    });
    expect(signed.status).toBe(200);
    expect(((await signed.json()) as { data: { _service: { sdl: string } } }).data._service.sdl).toMatch(/type Municipality\b/);

    const { code, ms } = await alone.terminate();
    expect({ code, fast: ms < IDLE_EXIT_MS }).toEqual({ code: 0, fast: true });
  }, 120_000);
});
