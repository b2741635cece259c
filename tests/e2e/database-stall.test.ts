import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import { createLogger } from '../../core/logger';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../../hub/embedded-database';
import { type RunningHub, migrateAll, startHub } from '../../hub/hub';
import { seed } from '../../hub/seed';
import { queryRows } from '../helpers/database';
import { TEST_SIGNING_SECRET, graphql } from '../helpers/hub';
import { freePort } from '../helpers/ports';
import { token } from '../helpers/tokens';

/**
 * PostgreSQL stalled (every process of its own cluster SIGSTOPped, as a hung disk or a frozen VM does it). Found:
 * reads hung for the whole stall, and a write the client had given up on committed when the database came back.
 * Now every request ends at its deadline with UNAVAILABLE naming the database, and a write whose deadline passed
 * is never committed. The cluster is this file's own: stalling the suite's shared one would stall other files.
 */
const DEADLINE_MS = 2000;

describe('a stalled PostgreSQL', () => {
  let dataDir: string;
  let db: EmbeddedDatabase;
  let hub: RunningHub;
  let url: string;
  let pids: number[] = [];
  let editor: Record<string, string>;

  const signal = (sig: 'SIGSTOP' | 'SIGCONT') => {
    for (const pid of pids) {
      try {
        process.kill(pid, sig);
      } catch {
        // A backend that ended in between.
      }
    }
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketenkaart-stall-'));
    db = await startEmbeddedDatabase({ dataDir: path.join(dataDir, 'pg'), port: await freePort(), persistent: false, log: () => undefined });
    await migrateAll(db.url, { serviceUrl: db.serviceUrl });
    await seed(db.url);
    const config = loadConfig({
      NODE_ENV: 'test',
      KETENKAART_DATA_DIR: dataDir,
      SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET,
      DATABASE_OWNER_URL: db.url,
      DATABASE_URL: db.serviceUrl,
      REQUEST_DEADLINE_MS: String(DEADLINE_MS),
      GATEWAY_PORT: '0',
      PARTNERS_PORT: '0',
      LEGAL_PORT: '0',
      TERRITORY_PORT: '0',
      INSTRUMENTS_PORT: '0',
    });
    hub = await startHub(config, { seed: false, logger: createLogger('test', process.env.STALL_LOG ?? 'silent') });
    url = hub.gateway.url;
    editor = { authorization: `Bearer ${await token(dataDir, { role: 'EDITOR', org: 'caw-limburg' })}` };
  });

  afterAll(async () => {
    signal('SIGCONT');
    await hub?.stop();
    await db?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The postmaster (the parent of any backend) and every backend and worker it started. */
  async function clusterPids(): Promise<number[]> {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    let postmaster: number;
    try {
      // Read while connected: the backend ends with the connection.
      const { pid } = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!;
      postmaster = Number(/^PPid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
    } finally {
      await client.end();
    }
    const children = execFileSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
    return [postmaster, ...children];
  }

  it("answers a read within the deadline, with UNAVAILABLE at each field's path", async () => {
    // Warm: the pools hold connections, as they do in service.
    expect((await graphql(url, '{ organisation(id: "caw-limburg") { name } }')).errors).toBeUndefined();
    pids = await clusterPids();
    signal('SIGSTOP');
    try {
      const started = Date.now();
      const res = await graphql(url, '{ organisation(id: "caw-limburg") { name } whoIsWho(municipality: "Hasselt") { cards { municipality { name } } } }');
      const took = Date.now() - started;
      expect(took).toBeLessThan(DEADLINE_MS + 1500);
      expect(res.status).toBe(200);
      expect(res.errors?.length).toBeGreaterThan(0);
      for (const error of res.errors!) {
        expect(error.extensions).toMatchObject({ code: 'UNAVAILABLE', reason: 'TIMEOUT', retryable: true });
        // The subgraph names the database when its statement gives up first; the gateway names the subgraph
        // when its own deadline comes first. Either is true, and both say: retry later.
        expect(['database', 'partners', 'territory']).toContain(error.extensions!.service);
        expect(error.path?.length).toBeGreaterThan(0);
      }
    } finally {
      signal('SIGCONT');
    }
  });

  it('does not commit a write whose deadline passed while the database stalled, and says nothing was written', async () => {
    const before = (await graphql(url, '{ organisation(id: "caw-limburg") { version note } }')).data.organisation;
    pids = await clusterPids();
    signal('SIGSTOP');
    let res: Awaited<ReturnType<typeof graphql>>;
    try {
      res = await graphql(
        url,
        'mutation ($v: Int!) { updateOrganisation(id: "caw-limburg", version: $v, changes: { note: "tijdens de storing" }) { version } }',
        { v: before.version },
        editor,
      );
    } finally {
      // The database comes back; whatever was on its way must not commit now.
      signal('SIGCONT');
    }
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', written: false });
    expect(res.errors![0].path).toEqual(['updateOrganisation']);
    await new Promise((r) => setTimeout(r, 2 * DEADLINE_MS));
    const after = (await graphql(url, '{ organisation(id: "caw-limburg") { version note } }')).data.organisation;
    expect(after).toEqual(before);
    const audited = await queryRows(db.url, "SELECT count(*)::int AS n FROM partners.audit_log WHERE target LIKE 'ORGANISATION:caw-limburg%' AND action = 'WRITE'");
    expect(audited[0]!.n).toBe(0);
  });

  it('recovers at once when the database is back', async () => {
    const res = await graphql(url, '{ organisation(id: "caw-limburg") { name } }');
    expect(res.errors).toBeUndefined();
  });
});
