import DataLoader from 'dataloader';
import pg from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MemoryNonceStore, type NonceStore } from '../../../core/auth/signing';
import type { Logger } from '../../../core/logger';

/** The table every replica of one subgraph claims its nonces in (UNLOGGED: a nonce outlives no crash it must). */
export const NONCE_TABLE = 'signed_request_nonce';

/**
 * How long a claim may take before the replica decides on its own memory. A trivial insert that takes longer
 * means the database is stalled; the request's own reads then end at their deadline anyway.
 */
export const NONCE_CLAIM_LIMIT_MS = 200;

/** The migration that adds the nonce table to one subgraph's schema (each subgraph lists it with its own). */
export function nonceTableMigration(schema: string): new () => MigrationInterface {
  const table = `${schema}.${NONCE_TABLE}`;
  return class SignedRequestNonces1764000011000 implements MigrationInterface {
    name = 'SignedRequestNonces1764000011000';

    async up(q: QueryRunner): Promise<void> {
      await q.query(`CREATE UNLOGGED TABLE ${table} (nonce text PRIMARY KEY, expires_at timestamptz NOT NULL)`);
      await q.query(`CREATE INDEX ${NONCE_TABLE}_expiry ON ${table} (expires_at)`);
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE ${table}`);
    }
  };
}

/**
 * Nonces shared by all replicas of a subgraph, in its PostgreSQL schema: a signed request captured on its way to
 * one replica is refused by every other (docs/security.md, "Signed subgraph calls"). Claims made in the same tick
 * go to the database as one statement, on a pool of their own so that they never wait behind slow reads. When the
 * database does not answer in time, the replica falls back to its own memory and says so: while the database is
 * away, a replayed request cannot read or write the registry's data either.
 */
export class PostgresNonceStore implements NonceStore {
  private readonly pool: pg.Pool;
  private readonly memory = new MemoryNonceStore();
  private readonly claims: DataLoader<{ nonce: string; expiresAt: number }, boolean, string>;
  private readonly sweeper: NodeJS.Timeout;
  private lastWarning = 0;

  constructor(
    databaseUrl: string,
    private readonly schema: string,
    private readonly log: Logger,
  ) {
    this.pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 2,
      application_name: `ketenkaart-${schema}-nonces`,
      connectionTimeoutMillis: NONCE_CLAIM_LIMIT_MS,
      query_timeout: NONCE_CLAIM_LIMIT_MS,
    });
    // An idle client that loses its connection must not take the process down.
    this.pool.on('error', () => undefined);
    this.claims = new DataLoader((batch) => this.claimAll(batch), { cache: false, cacheKeyFn: (c) => c.nonce });
    this.sweeper = setInterval(() => void this.sweep(), 60_000).unref();
  }

  async claim(nonce: string, expiresAt: number, now: number): Promise<boolean> {
    try {
      return await this.claims.load({ nonce, expiresAt });
    } catch (err) {
      this.warn(err);
      return this.memory.claim(nonce, expiresAt, now);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.pool.end();
  }

  private async claimAll(batch: ReadonlyArray<{ nonce: string; expiresAt: number }>): Promise<boolean[]> {
    const { rows } = await this.pool.query<{ nonce: string }>(
      `INSERT INTO ${this.schema}.${NONCE_TABLE} (nonce, expires_at)
       SELECT n, to_timestamp(e / 1000.0) FROM unnest($1::text[], $2::float8[]) AS c(n, e)
       ON CONFLICT (nonce) DO NOTHING RETURNING nonce`,
      [batch.map((c) => c.nonce), batch.map((c) => c.expiresAt)],
    );
    const fresh = new Set(rows.map((r) => r.nonce));
    // Also in memory: a replay of a nonce whose claim failed over to memory is still refused here.
    return batch.map((c) => fresh.has(c.nonce) && this.memory.claim(c.nonce, c.expiresAt, Date.now()));
  }

  private async sweep(): Promise<void> {
    try {
      await this.pool.query(`DELETE FROM ${this.schema}.${NONCE_TABLE} WHERE expires_at < now()`);
    } catch (err) {
      this.warn(err);
    }
  }

  private warn(err: unknown) {
    // One line a minute is enough to see that the shared store is away.
    if (Date.now() - this.lastWarning < 60_000) return;
    this.lastWarning = Date.now();
    this.log.warn({ err: err instanceof Error ? err.message : String(err), schema: this.schema }, 'nonce store unavailable: replay protection holds for this replica only');
  }
}
