import { toIsoDate } from '../../core/dates';
import { type DatedRecord, inForceOn, validityOf } from '../../core/partial-date';
import { type ConnectionShape, page } from './connection';

/**
 * A list "in force on D" (docs/data.md, "Dates"): what is known to be in force, and how many records it is unknown
 * for (each result's `validity.inForceOn(on:)` says why); with `includeUndetermined`, those too. Without a date,
 * the whole list.
 */
export function pageInForce<T extends DatedRecord>(
  rows: T[],
  filter: { inForceOn?: Date | null; includeUndetermined?: boolean | null },
  first: number | null,
  after: string | null,
): ConnectionShape<T> {
  if (!filter.inForceOn) return { ...page(rows, first, after), undeterminedCount: null };
  const on = toIsoDate(filter.inForceOn);
  const states = rows.map((row) => inForceOn(validityOf(row), on).state);
  const undeterminedCount = states.filter((s) => s === 'UNKNOWN').length;
  const kept = rows.filter((_, i) => states[i] === 'IN_FORCE' || (filter.includeUndetermined && states[i] === 'UNKNOWN'));
  return { ...page(kept, first, after), undeterminedCount };
}
