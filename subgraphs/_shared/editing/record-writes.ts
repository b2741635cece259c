import type { DeepPartial, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { badInput } from '../../../core/errors';
import { type JournalSchema, type Writer, announceChange, auditEntry, journal } from '../journal/journal';
import { ChangeAction, type RecordType } from '../journal/types';
import type { SubgraphContext } from '../subgraph';
import { today } from '../../../core/dates';
import { earliestDay } from '../../../core/partial-date';
import { type Versioned, expectVersion, found, labelOf, mustOwn, registryWrite } from './write';

export type EditableRecord = Versioned & ObjectLiteral & { id: string; validFrom: string | null; validTo: string | null };

/** How one kind of record is written: where it lives, whose it is, and what follows from it. */
export interface RecordSpec<E extends EditableRecord> {
  type: RecordType;
  schema: JournalSchema;
  entity: EntityTarget<E>;
  /** The organisations whose record it is: their editors may change it. */
  owners(record: E, tx: EntityManager): Promise<string[]> | string[];
  /** What history and a CONFLICT answer show of it (without fields only some readers may see). */
  visible?(record: E, tx: EntityManager): Promise<object> | object;
  /** Writes what follows from the record (its municipalities, parties, search entry), in the same transaction. */
  afterWrite?(record: E, tx: EntityManager): Promise<void>;
  /**
   * The record's existence is itself personal data (who holds a post): a caller who may not change it gets the
   * same refusal whether or not it exists, so ids cannot be probed.
   */
  personal?: boolean;
}

/**
 * The stored record, once the caller is known to be allowed to change it: FORBIDDEN for another organisation's
 * record before anything about it (its state, version, dates, what is wrong with the change) is revealed.
 */
async function ownedRecord<E extends EditableRecord>(ctx: SubgraphContext<unknown>, spec: RecordSpec<E>, db: EntityManager, id: string): Promise<E> {
  const record = await db.getRepository(spec.entity).findOne({ where: { id } as never });
  if (!record && spec.personal && ctx.identity.role !== 'ADMIN') {
    mustOwn(ctx.identity, [], `${labelOf(spec.type)} "${id}"`);
  }
  const current = found(record, spec.type, id);
  mustOwn(ctx.identity, await spec.owners(current, db), `${labelOf(spec.type)} "${id}"`);
  return current;
}

/**
 * For mutations that check their input before their transaction: call first, so that an editor of another
 * organisation is refused before the checks can tell them anything. The transaction checks again.
 */
export async function refuseUnlessOwned<E extends EditableRecord>(ctx: SubgraphContext<unknown>, spec: RecordSpec<E>, id: string): Promise<void> {
  await ownedRecord(ctx, spec, ctx.db.manager, id);
}

/**
 * When a record's end is set (or its start cleared) while its start is unknown, the end may not lie before the
 * day the registry first recorded it: without a start there is nothing to say that the record ever held before
 * then, and "ended before we knew of it, started who knows when" is no fact (docs/editing.md). With a known
 * start, the end is checked against the start only, so history can still be recorded after the fact.
 */
async function endNotBeforeCreation<E extends EditableRecord>(tx: EntityManager, spec: RecordSpec<E>, before: E, next: E): Promise<void> {
  if (!next.validTo || next.validFrom || next.validFromEdtf) return;
  if (before.validTo === next.validTo && before.validFrom === next.validFrom) return;
  const [row] = await tx.query(
    `SELECT to_char(min(recorded_at) AT TIME ZONE 'Europe/Brussels', 'YYYY-MM-DD') AS created FROM ${spec.schema}.record_version WHERE entity = $1 AND record_id = $2`,
    [spec.type, next.id],
  );
  const created: string | null = row?.created ?? null;
  if (created && next.validTo < created) {
    const field = before.validTo === next.validTo ? 'changes.validFrom' : 'validTo';
    throw badInput(
      `De einddatum ${next.validTo} ligt vóór de registratie van deze ${labelOf(spec.type)} (${created}) en het begin is onbekend: geef eerst validFrom, of beëindig op of na ${created}. Er werd niets geschreven.`,
      { field, registeredOn: created, reason: 'END_BEFORE_REGISTRATION' },
    );
  }
}

/**
 * Editors give days (`validFrom`, `validTo`) or a start as the source gives it (`validFromAsGiven`: a month or a
 * year); a record keeps its dates at the precision the sources gave
 * (recorded.ts). A day an editor sets, or clears, becomes the date; one left alone keeps the source's month or
 * year. An editor's write attests that the record exists today (core/partial-date.ts).
 */
function withPartialDates(before: EditableRecord | null, next: EditableRecord): void {
  for (const [day, edtf, planned] of [['validFrom', 'validFromEdtf', 'validFromPlanned'], ['validTo', 'validToEdtf', 'validToPlanned']] as const) {
    // A month or a year the editor gave (`validFromAsGiven`, inputs.ts startAsGiven): it is the date, as given.
    if (before ? next[edtf] !== before[edtf] : typeof next[edtf] === 'string') {
      (next as Record<string, unknown>)[planned] = false;
      continue;
    }
    if (before && next[day] === before[day]) continue;
    if (next[day] || (before?.[edtf] as string | null | undefined)?.length === 10 || !before) {
      (next as Record<string, unknown>)[edtf] = next[day] ?? null;
      (next as Record<string, unknown>)[planned] = false;
    }
  }
  const attested = (before?.attestedOn as string | null | undefined) ?? null;
  (next as Record<string, unknown>).attestedOn = attested && attested < today() ? attested : today();
}

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,99}$/;

async function write<E extends EditableRecord>(
  ctx: SubgraphContext<unknown>,
  spec: RecordSpec<E>,
  tx: EntityManager,
  before: E | null,
  next: E,
  action: ChangeAction,
): Promise<E> {
  const writer: Writer = ctx;
  const owners = await spec.owners(next, tx);
  mustOwn(ctx.identity, owners, `${labelOf(spec.type)} "${next.id}" na de wijziging`);
  const repo = tx.getRepository(spec.entity);
  if (repo.metadata.findColumnWithPropertyName('validFromEdtf')) withPartialDates(before, next);
  if (before) await endNotBeforeCreation(tx, spec, before, next);
  // Taken before the write: what `visible` reads of the stored rows (an agreement's parties) is about to change.
  const beforeState = before ? await (spec.visible?.(before, tx) ?? before) : null;
  next.version = before ? before.version + 1 : 1;
  next.origin = 'EDITOR';
  await repo.save(repo.create(next as DeepPartial<E>));
  await spec.afterWrite?.(next, tx);
  await journal(tx, spec.schema, writer, {
    type: spec.type,
    id: next.id,
    version: next.version,
    action,
    organisationIds: owners,
    before: beforeState,
    after: next,
    historyState: await spec.visible?.(next, tx),
  });
  return next;
}

/**
 * Creates a record: its id must be free (ids are never reused), the caller must be allowed to write it, and
 * it is written with its consequences and journal in one transaction.
 */
export async function createRecord<E extends EditableRecord>(
  ctx: SubgraphContext<unknown>,
  spec: RecordSpec<E>,
  record: E,
  /** Checks only the stored data can answer (an overlap with another record), run inside the write's transaction. */
  check?: (record: E, tx: EntityManager) => Promise<void>,
): Promise<E> {
  if (!ID_PATTERN.test(record.id)) {
    throw badInput(`De id "${record.id}" is niet bruikbaar: gebruik kleine letters, cijfers en koppeltekens (2 tot 100 tekens).`, { field: 'input.id', reason: 'NOT_AN_ID' });
  }
  return registryWrite(ctx, spec.schema, async (tx) => {
    // Whose it would be comes first: the id check and `check` below look at other records.
    mustOwn(ctx.identity, await spec.owners(record, tx), `${labelOf(spec.type)} "${record.id}"`);
    // Ids are never reused: not while the record exists, nor after the seed files removed it (its history stays).
    const [inHistory] = await tx.query(`SELECT 1 FROM ${spec.schema}.record_version WHERE entity = $1 AND record_id = $2 LIMIT 1`, [spec.type, record.id]);
    if (inHistory || (await tx.getRepository(spec.entity).exists({ where: { id: record.id } as never }))) {
      throw badInput(`De id "${record.id}" is al in gebruik door een andere ${labelOf(spec.type)}: kies een andere.`, { field: 'input.id', reason: 'ID_TAKEN' });
    }
    await check?.(record, tx);
    return write(ctx, spec, tx, null, record, ChangeAction.CREATED);
  });
}

/**
 * Changes a record: it must exist, be the caller's to change (before and after the change), and still be at
 * the version the change was made on. `change` builds the new state and throws BAD_USER_INPUT for anything
 * that only the stored record can tell (dates in order with the stored start, overlaps).
 */
export async function changeRecord<E extends EditableRecord>(
  ctx: SubgraphContext<unknown>,
  spec: RecordSpec<E>,
  id: string,
  version: number,
  change: (current: E, tx: EntityManager) => Promise<E> | E,
  action: ChangeAction = ChangeAction.CHANGED,
): Promise<E> {
  return registryWrite(ctx, spec.schema, async (tx) => {
    const current = await ownedRecord(ctx, spec, tx, id);
    expectVersion(current, version, spec.type, id, await (spec.visible?.(current, tx) ?? current));
    const next = await change({ ...current }, tx);
    return write(ctx, spec, tx, current, next, action);
  });
}

/** Ends a record: history instead of deletion. It stays queryable for dates before its end. */
export function endRecord<E extends EditableRecord>(ctx: SubgraphContext<unknown>, spec: RecordSpec<E>, id: string, version: number, validTo: string, note?: string | null): Promise<E> {
  return changeRecord(
    ctx,
    spec,
    id,
    version,
    (current) => {
      const ended = current.validTo ?? (current.validToEdtf as string | null | undefined);
      if (ended) throw badInput(`Dit is al beëindigd op ${ended}: er werd niets geschreven.`, { field: 'validTo', reason: 'ALREADY_ENDED', ended });
      const start = current.validFrom ?? (current.validFromEdtf ? earliestDay(current.validFromEdtf as string) : null);
      if (start && validTo <= start) {
        throw badInput(`De einddatum ${validTo} moet na het begin (${current.validFrom ?? current.validFromEdtf}) liggen: er werd niets geschreven.`, { field: 'validTo', reason: 'END_BEFORE_START' });
      }
      return { ...current, validTo, note: note ?? current.note };
    },
    ChangeAction.ENDED,
  );
}

/** Confirms that a record is still true without changing it: only its confirmation date moves. */
export async function confirmRecord<E extends EditableRecord>(ctx: SubgraphContext<unknown>, spec: RecordSpec<E>, id: string, on: string): Promise<E> {
  return registryWrite(ctx, spec.schema, async (tx) => {
    const current = await ownedRecord(ctx, spec, tx, id);
    await tx.getRepository(spec.entity).update({ id } as never, { confirmedOn: on } as never);
    // A confirmation is not a change (no new version, not in the change feed), but it is a write: audited.
    await auditEntry(tx, spec.schema, ctx, 'WRITE', `${spec.type}:${id}`, { action: 'CONFIRMED', confirmedOn: on });
    await announceChange(tx, spec.schema, spec.type, id);
    return { ...current, confirmedOn: on };
  });
}
