import { Arg, Int } from 'type-graphql';
import { InputProblems } from '../../_shared/editing/problems';
import { DateScalar } from '../../_shared/graphql-types';
import { slugify } from '../../../core/text';

/** What the partners mutations share: how ids are made, and the arguments every change and end takes. */

/** A readable id from a name or title ("Protocol casusoverleg …" → "protocol-casusoverleg-…"), at most 100 characters. */
export const idFrom = (text: string) => slugify(text).slice(0, 100).replace(/-+$/, '');

export const versionArg = () => Arg('version', () => Int, { description: 'The version the change was made on (optimistic concurrency).' });

export const endArgs = {
  validTo: () => Arg('validTo', () => DateScalar, { description: 'The day it no longer holds (exclusive end).' }),
  note: () => Arg('note', () => String, { nullable: true, description: 'Why it ended, for the record.' }),
};

/** The merged record's dates must be in order (a new start after the stored end is refused). */
export function checkedDates<T extends { validFrom: string | null; validTo: string | null }>(record: T, prefix: string): T {
  const problems = new InputProblems();
  problems.datesInOrder(record, prefix);
  problems.throwIfAny();
  return record;
}
