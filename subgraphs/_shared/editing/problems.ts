import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../core/errors';

export interface Problem {
  /** The input path of the offending value, for example "changes.validTo" or "input.parties[2].organisationId". */
  field: string;
  /** What is wrong, as a stable code (docs/errors.md, "Input problems"), for a frontend to word itself. */
  code: string;
  /** The same in Dutch, for the editor. */
  problem: string;
}

/**
 * Collects everything wrong with a write's input before anything is written, so that one answer names every
 * problem (an editor fixes them all at once) and nothing is half-applied.
 */
export class InputProblems {
  readonly list: Problem[] = [];

  add(field: string, code: string, problem: string): void {
    this.list.push({ field, code, problem });
  }

  /** A required text must be present and not blank. */
  requireText(value: string | null | undefined, field: string): void {
    if (value === null || value === undefined || !value.trim()) this.add(field, 'REQUIRED', 'is verplicht en mag niet leeg zijn');
  }

  /** Validity runs from validFrom (inclusive) to validTo (exclusive): the end must come after the start. */
  datesInOrder(record: { validFrom?: string | null; validTo?: string | null }, prefix: string): void {
    if (record.validFrom && record.validTo && record.validFrom >= record.validTo) {
      this.add(`${prefix}.validTo`, 'END_BEFORE_START', `moet na de begindatum (${record.validFrom}) liggen; kreeg ${record.validTo}`);
    }
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  /** Throws BAD_USER_INPUT naming every problem, if there is any. */
  throwIfAny(): void {
    if (this.empty) return;
    const message = `De invoer werd niet aanvaard, er werd niets geschreven: ${this.list.map((p) => `${p.field} ${p.problem}`).join('; ')}.`;
    throw new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field: this.list[0].field, problems: this.list } });
  }
}
