import { GraphQLError } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '../../../core/auth/roles';
import type { Deadline } from '../../../core/deadline';
import { ErrorCode, type ServicePart, notFound, unavailable } from '../../../core/errors';
import { databaseOutage } from '../database-outage';
import { stateOf } from '../journal/journal';
import type { RecordType } from '../journal/types';

/**
 * Every registry write runs in one transaction that first takes the same lock: writes are serialised across
 * the registry. Writes are rare and short, and this buys two guarantees: a stale version is always detected,
 * and versions are timestamped in commit order, so a client following the change feed by time never misses
 * one that committed late.
 *
 * A write has the request's deadline: its statements and its wait for the lock are limited to the time left, and
 * once the work is done it commits only if the caller is still waiting (checked inside the transaction), so a
 * client that was told "unavailable, nothing written" is never contradicted by a late commit. Only a commit that
 * itself fails leaves it open whether it took effect: the error says so (`written: "UNKNOWN"`).
 */
export async function registryWrite<T>(
  ctx: { db: DataSource; deadline: Deadline },
  service: ServicePart,
  fn: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  const runner = ctx.db.createQueryRunner();
  let broken: Error | undefined;
  try {
    await runner.connect();
    await runner.startTransaction();
    const timeLeft = `${Math.max(1, ctx.deadline.remaining())}ms`;
    await runner.query("SELECT set_config('statement_timeout', $1, true), set_config('lock_timeout', $1, true)", [timeLeft]);
    await runner.query("SELECT pg_advisory_xact_lock(hashtext('ketenkaart-registry-write'))");
    const result = await fn(runner.manager);
    if (ctx.deadline.passed()) throw unavailable(service, 'TIMEOUT', { written: false });
    try {
      await runner.commitTransaction();
    } catch (err) {
      const reason = databaseOutage(err);
      if (!reason) throw err;
      broken = err as Error;
      throw unavailable('database', reason, { written: 'UNKNOWN' });
    }
    return result;
  } catch (err) {
    if (!broken && databaseOutage(err)) broken = err as Error;
    // A connection that timed out may still have statements in flight: it is closed, never reused, so that its
    // transaction can only be rolled back by PostgreSQL when it comes back.
    if (runner.isTransactionActive && !broken) await runner.rollbackTransaction().catch(() => undefined);
    throw err;
  } finally {
    if (broken) await (runner as unknown as { releasePostgresConnection(err: Error): Promise<void> }).releasePostgresConnection(broken);
    else await runner.release();
  }
}

/** A record type as a message names it: POST_HOLDER → "post holder". */
/** The Dutch word for a kind of record, in messages to editors. */
const RECORD_WORDS: Record<RecordType, string> = {
  ORGANISATION: 'organisatie',
  POST: 'functie',
  POST_HOLDER: 'functiehouder',
  AGREEMENT: 'overeenkomst',
  INSTRUMENT: 'instrument',
  SITE: 'vestiging',
};
export const labelOf = (type: RecordType): string => RECORD_WORDS[type];

/** Something an editor can change: it carries the version the change must be based on. */
export interface Versioned {
  version: number;
  origin: string;
  confirmedOn: string | null;
}

/** The record, or NOT_FOUND naming what was looked for. */
export function found<T>(record: T | null | undefined, type: RecordType, id: string): T {
  if (!record) throw notFound(`Geen ${labelOf(type)} met id "${id}".`, { type, id });
  return record;
}

/**
 * Optimistic concurrency: a change must say which version it was made on. When someone else changed the
 * record in between, the change is refused with CONFLICT and the current record, so the editor can redo
 * the change on it instead of overwriting the other one.
 */
export function expectVersion(current: Versioned & object, expected: number, type: RecordType, id: string, visibleState: object = current): void {
  if (current.version === expected) return;
  throw new GraphQLError(
    `Deze ${labelOf(type)} ("${id}") is intussen aan versie ${current.version}, de wijziging werd gemaakt op versie ${expected}: er werd niets geschreven. Breng de wijziging aan op de huidige gegevens (in extensions.current) en stuur ze opnieuw.`,
    { extensions: { code: ErrorCode.CONFLICT, type, id, currentVersion: current.version, current: stateOf(visibleState) } },
  );
}

/**
 * Editors change only their own organisation's records (judged on the stored data, and on the data as it will
 * be); admins change anything. Other roles never reach a mutation: their field rules deny it.
 */
export function mustOwn(identity: Identity, owners: Iterable<string>, what: string): void {
  if (identity.role === 'ADMIN') return;
  const owned = identity.role === 'EDITOR' && identity.org !== undefined && [...owners].includes(identity.org);
  if (!owned) {
    throw new GraphQLError(
      `Niet toegestaan: ${what} hoort niet bij uw organisatie${identity.org ? ` (${identity.org})` : ''}. Redacteurs wijzigen alleen de gegevens van hun eigen organisatie; vraag het een beheerder.`,
      { extensions: { code: ErrorCode.FORBIDDEN } },
    );
  }
}

/** Applies the fields a change sends; a field left out keeps its value, an explicit null clears it. */
export function applyChanges<T extends object>(current: T, changes: object): T {
  const next = { ...current };
  for (const [key, value] of Object.entries(changes)) if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  return next;
}
