import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../core/errors';

export interface Problem {
  /** The input path of the offending value, for example "changes.validTo" or "input.parties[2].organisationId". */
  field: string;
  problem: string;
}

/**
 * Collects everything wrong with a write's input before anything is written, so that one answer names every
 * problem (an editor fixes them all at once) and nothing is half-applied.
 */
export class InputProblems {
  readonly list: Problem[] = [];

  add(field: string, problem: string): void {
    this.list.push({ field, problem });
  }

  /** A required text must be present and not blank. */
  requireText(value: string | null | undefined, field: string): void {
    if (value === null || value === undefined || !value.trim()) this.add(field, 'is required and may not be blank');
  }

  /** Validity runs from validFrom (inclusive) to validTo (exclusive): the end must come after the start. */
  datesInOrder(record: { validFrom?: string | null; validTo?: string | null }, prefix: string): void {
    if (record.validFrom && record.validTo && record.validFrom >= record.validTo) {
      this.add(`${prefix}.validTo`, `must be after validFrom (${record.validFrom}); got ${record.validTo}`);
    }
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  /** Throws BAD_USER_INPUT naming every problem, if there is any. */
  throwIfAny(): void {
    if (this.empty) return;
    const message = `The input was not accepted, nothing was written: ${this.list.map((p) => `${p.field} ${p.problem}`).join('; ')}.`;
    throw new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field: this.list[0].field, problems: this.list } });
  }
}
