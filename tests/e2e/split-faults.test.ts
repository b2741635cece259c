import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../../hub/embedded-database';
import { migrateAll } from '../../hub/hub';
import { seed } from '../../hub/seed';
import { queryRows } from '../helpers/database';
import { graphql } from '../helpers/hub';
import { type ServicePartName, type SplitServices, startSplitServices } from '../../hub/split-services';
import { freePort } from '../helpers/ports';
import { token } from '../helpers/tokens';

/**
 * Faults of the split deployment, each part its own process as in production (`node dist/…/main.js`): a
 * subgraph stalled (SIGSTOP) or killed, PostgreSQL killed, the gateway killed under concurrent writes. Found:
 * a stalled subgraph hung every request that needed it, and a write the client had abandoned committed when
 * the stalled territory subgraph (asked to check a reference) came back; outages were INTERNAL_SERVER_ERROR and
 * the gateway logged nothing. PostgreSQL is this file's own, so that killing it touches no other test file.
 */
const DEADLINE_MS = 2000;

describe('faults of the split deployment', () => {
  let dataDir: string;
  let pgPort: number;
  let db: EmbeddedDatabase;
  let services: SplitServices;
  let editor: Record<string, string>;
  const gateway = () => services.url;
  // The part's current process: a restart replaces it.
  const proc = (part: ServicePartName) => services.processes[part];

  const startDatabase = () => startEmbeddedDatabase({ dataDir: path.join(dataDir, 'pg'), port: pgPort, persistent: true, log: () => undefined });
  const stalled = async <T>(part: ServicePartName, fn: () => Promise<T>): Promise<T> => {
    proc(part).child.kill('SIGSTOP');
    try {
      return await fn();
    } finally {
      proc(part).child.kill('SIGCONT');
    }
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketenkaart-faults-'));
    pgPort = await freePort();
    db = await startDatabase();
    await migrateAll(db.url, { serviceUrl: db.serviceUrl });
    await seed(db.url);
    services = await startSplitServices({ databaseUrl: db.serviceUrl, dataDir, env: { REQUEST_DEADLINE_MS: String(DEADLINE_MS) } });
    editor = { authorization: `Bearer ${await token(dataDir, { role: 'EDITOR', org: 'caw-limburg' })}` };
  }, 180_000);

  afterAll(async () => {
    await services?.stop();
    await db?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const dump = () => services.all().map((p) => `===== ${p.name}\n${p.output.slice(-3000)}`).join('\n');

  it('answers within the deadline while a subgraph is stalled: UNAVAILABLE for its fields, the rest intact, and a warning in the gateway log', async () => {
    const res = await stalled('territory', async () => {
      const started = Date.now();
      const response = await fetch(gateway(), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ organisation(id: "caw-limburg") { name } whoIsWho(municipality: "Hasselt") { cards { municipality { name } } } }' }),
      });
      return { took: Date.now() - started, requestId: response.headers.get('x-request-id'), body: (await response.json()) as any };
    });
    expect(res.took, dump()).toBeLessThan(DEADLINE_MS + 1500);
    expect(res.body.data?.organisation?.name, JSON.stringify(res.body)).toContain("CAW");
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: ['whoIsWho'], extensions: expect.objectContaining({ code: 'UNAVAILABLE', service: 'territory', reason: 'TIMEOUT', retryable: true }) }),
    ]);
    await expect.poll(() => proc('gateway').output, { timeout: 5000 }).toContain('subgraph fetch failed');
    const warning = proc('gateway').output.split('\n').find((line) => line.includes('subgraph fetch failed') && line.includes(res.requestId!));
    expect(warning, proc('gateway').output).toBeDefined();
    expect(JSON.parse(warning!)).toMatchObject({ level: 40, subgraph: 'territory', reason: 'TIMEOUT' });
  });

  it('serves the change feed from the subgraphs\' journals, and while one is stalled answers 503 within the deadline, never a page without its part', async () => {
    const page = () => fetch(new URL('/feed/changes?page=1', gateway()));
    const served = await page();
    expect(served.status, dump()).toBe(200);
    expect(((await served.json()) as unknown[]).length).toBeGreaterThan(0);
    const res = await stalled('instruments', async () => {
      const started = Date.now();
      const response = await page();
      return { took: Date.now() - started, status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
    });
    expect(res.took, dump()).toBeLessThan(DEADLINE_MS + 1500);
    expect(res.status).toBe(503);
    expect(Number(res.retryAfter)).toBeGreaterThan(0);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'UNAVAILABLE', service: 'instruments', reason: 'TIMEOUT', retryable: true });
  });

  it('does not commit a write whose reference check waited on a stalled subgraph, and says nothing was written', async () => {
    const create = () =>
      graphql(
        gateway(),
        `mutation { createPost(input: { id: "caw-limburg-storingstest", organisationId: "caw-limburg", function: SPOC, title: "SPOC storingstest",
          municipalityNis: "71072", sources: [{ document: "002_f12f5aed2c75fb81.txt", locator: "Antwoord, vraag 1" }] }) { id } }`,
        undefined,
        editor,
      );
    const res = await stalled('territory', create);
    expect(res.errors?.[0]?.extensions, dump()).toMatchObject({ code: 'UNAVAILABLE', service: 'territory', written: false });
    expect(res.errors![0].path).toEqual(['createPost']);
    // The territory subgraph is back: whatever was on its way must not commit now.
    await new Promise((r) => setTimeout(r, 2 * DEADLINE_MS));
    const versions = await queryRows(db.url, "SELECT 1 FROM partners.record_version WHERE record_id = 'caw-limburg-storingstest'");
    const audited = await queryRows(db.url, "SELECT 1 FROM partners.audit_log WHERE target = 'POST:caw-limburg-storingstest'");
    expect({ versions: versions.length, audited: audited.length }).toEqual({ versions: 0, audited: 0 });
    // And the same write, sent again, now succeeds: a retry was safe.
    expect((await create()).errors).toBeUndefined();
  });

  it('keeps the other subgraphs\' data when one is killed, and recovers within a second of its restart', async () => {
    proc('instruments').child.kill('SIGKILL');
    await proc('instruments').exit;
    const down = await graphql(gateway(), '{ organisation(id: "caw-limburg") { name instruments { name } } }');
    expect(down.data.organisation).toEqual({ name: expect.stringContaining('CAW'), instruments: null });
    expect(down.errors?.[0]).toMatchObject({ path: ['organisation', 'instruments'], extensions: { code: 'UNAVAILABLE', service: 'instruments', reason: 'UNREACHABLE' } });
    await services.start('instruments');
    const back = Date.now();
    await expect.poll(async () => (await graphql(gateway(), '{ organisation(id: "caw-limburg") { instruments { name } } }')).errors, { timeout: 1000, interval: 50 }).toBeUndefined();
    expect(Date.now() - back).toBeLessThan(1000);
  });

  it('answers UNAVAILABLE naming the database while PostgreSQL is down, /ready says so, and recovers when it is back', async () => {
    await db.stop();
    try {
      const res = await graphql(gateway(), '{ organisation(id: "caw-limburg") { name } }');
      expect(res.errors?.[0]?.extensions, dump()).toMatchObject({ code: 'UNAVAILABLE', service: 'database', retryable: true });
      const ready = await fetch(`http://127.0.0.1:${services.ports.partners}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ database: 'unreachable' });
    } finally {
      db = await startDatabase();
    }
    await expect
      .poll(async () => (await graphql(gateway(), '{ organisation(id: "caw-limburg") { name } }')).errors, { timeout: 10_000, interval: 200 })
      .toBeUndefined();
  });

  for (const victim of ['partners', 'gateway'] as const) {
    it(`loses nothing and leaves no trace of failed writes when the ${victim} is killed under 30 concurrent writes`, async () => {
      const ids = Array.from({ length: 30 }, (_, i) => `caw-limburg-kill-${victim}-${i}`);
      const writes = ids.map((id, i) =>
        new Promise((r) => setTimeout(r, i * 20)).then(() =>
          graphql(
            gateway(),
            `mutation ($id: ID!) { createPost(input: { id: $id, organisationId: "caw-limburg", function: SPOC, title: "SPOC kill-test",
              sources: [{ document: "002_f12f5aed2c75fb81.txt", locator: "Antwoord, vraag 1" }] }) { id version } }`,
            { id },
            editor,
          ).then(
            (res) => (res.errors ? 'refused' : 'written'),
            () => 'lost connection',
          ),
        ),
      );
      // Mid-way: once the first write is acknowledged, while the others are still on their way.
      await Promise.race(writes.map((w) => w.then((o) => (o === 'written' ? o : new Promise(() => undefined)))));
      proc(victim).child.kill('SIGKILL');
      const outcomes = await Promise.all(writes);
      await proc(victim).exit;
      await services.start(victim);
      const written = new Set((await queryRows<{ id: string }>(db.url, 'SELECT id FROM partners.post WHERE id = ANY($1)', [ids])).map((r) => r.id));
      const journaled = new Set((await queryRows<{ id: string }>(db.url, "SELECT record_id AS id FROM partners.record_version WHERE record_id = ANY($1) AND action = 'CREATED'", [ids])).map((r) => r.id));
      const audited = new Set(
        (await queryRows<{ id: string }>(db.url, "SELECT substr(target, 6) AS id FROM partners.audit_log WHERE target = ANY($1)", [ids.map((id) => `POST:${id}`)])).map((r) => r.id),
      );
      // Every write is all or nothing: a post exists exactly when its version and its audit entry do, and every
      // write the client was told succeeded is there.
      expect([...journaled].sort()).toEqual([...written].sort());
      expect([...audited].sort()).toEqual([...written].sort());
      ids.forEach((id, i) => {
        if (outcomes[i] === 'written') expect(written.has(id), `${id} was acknowledged`).toBe(true);
        if (outcomes[i] === 'refused') expect(written.has(id), `${id} was refused`).toBe(false);
      });
      expect(outcomes).toContain('written');
      expect(outcomes.some((o) => o !== 'written')).toBe(true);
    });
  }
});
