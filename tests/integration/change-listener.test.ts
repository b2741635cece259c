import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGES_CHANNEL } from '../../core/change-notifications';
import { createLogger } from '../../core/logger';
import { ChangeListener } from '../../core/change-listener';
import { createTestDatabase } from '../helpers/database';

/**
 * The gateway's LISTEN connection on real PostgreSQL: a write acknowledged to its writer is counted by every
 * listener after one `sync()`, though the notification itself may still be on its way when the writer hears back.
 */

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let writer: pg.Client;
let listener: ChangeListener;

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  writer = new pg.Client({ connectionString: db.url });
  await writer.connect();
  listener = new ChangeListener(db.url, createLogger('test', 'silent'));
  await listener.start();
});
afterAll(async () => {
  await listener?.stop();
  await writer?.end();
  await db?.drop();
});

/** A write as the journal makes it: the notification inside the transaction, delivered on commit. */
async function write(): Promise<void> {
  await writer.query('BEGIN');
  await writer.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, 'partners:ORGANISATION:test']);
  await writer.query('COMMIT');
}

describe('the change listener', () => {
  it('counts every write acknowledged before sync() returns, on every one of 200 writes', async () => {
    expect(listener.listening).toBe(true);
    let countedWithoutSync = 0;
    for (let i = 0; i < 200; i++) {
      const before = listener.generation;
      await write();
      // Only what the event loop happened to read first: the race the sync closes.
      if (listener.generation > before) countedWithoutSync++;
      expect(await listener.sync()).toBe(true);
      expect(listener.generation).toBeGreaterThan(before);
    }
    // Not asserted (it depends on scheduling), but said: how often the notification had not yet been read.
    console.info(`change listener: ${200 - countedWithoutSync} of 200 writes not yet counted when the writer heard back`);
  });

  it('shares round trips between concurrent syncs, each of them started after its caller', async () => {
    const before = listener.generation;
    await write();
    const results = await Promise.all(Array.from({ length: 50 }, () => listener.sync()));
    expect(results.every(Boolean)).toBe(true);
    expect(listener.generation).toBeGreaterThan(before);
  });

  it('says it cannot vouch for anything once its connection is gone, and counts the loss as a change', async () => {
    const before = listener.generation;
    await writer.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ketenkaart-gateway-cache'");
    await expect.poll(() => listener.listening, { timeout: 5000 }).toBe(false);
    expect(listener.generation).toBeGreaterThan(before);
    // It comes back by itself.
    await expect.poll(() => listener.listening, { timeout: 10_000 }).toBe(true);
    expect(await listener.sync()).toBe(true);
  });
});
