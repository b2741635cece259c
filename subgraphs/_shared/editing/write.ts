import { GraphQLError } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '../../../core/auth/roles';
import { ErrorCode, notFound } from '../../../core/errors';
import { stateOf } from '../journal/journal';
import type { RecordType } from '../journal/types';

/**
 * Every registry write runs in one transaction that first takes the same lock: writes are serialised across
 * the registry. Writes are rare and short, and this buys two guarantees: a stale version is always detected,
 * and versions are timestamped in commit order, so a client following the change feed by time never misses
 * one that committed late.
 */
export async function registryWrite<T>(db: DataSource, fn: (tx: EntityManager) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('ketenkaart-registry-write'))");
    return fn(tx);
  });
}

/** A record type as a message names it: POST_HOLDER → "post holder". */
export const labelOf = (type: RecordType): string => type.toLowerCase().replace(/_/g, ' ');

/** Something an editor can change: it carries the version the change must be based on. */
export interface Versioned {
  version: number;
  origin: string;
  confirmedOn: string | null;
}

/** The record, or NOT_FOUND naming what was looked for. */
export function found<T>(record: T | null | undefined, type: RecordType, id: string): T {
  if (!record) throw notFound(`No ${labelOf(type)} with id "${id}".`, { type, id });
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
    `The ${labelOf(type)} "${id}" is at version ${current.version}, the change was made on version ${expected}: nothing was written. Apply the change to the current record (in extensions.current) and send it again.`,
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
      `Not allowed: ${what} is not a record of your organisation${identity.org ? ` (${identity.org})` : ''}. Editors change only their own organisation's records; ask an admin.`,
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
