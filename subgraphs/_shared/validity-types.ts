import { Arg, Directive, Field, FieldResolver, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import { DateScalar, toIsoDate } from '../../core/dates';
import {
  type DatePrecision,
  type DatedRecord,
  type InForce as InForceAnswer,
  type InForceReason as Reason,
  type InForceState as State,
  type PartialDate as Partial,
  type Validity as ValidityValue,
  dutchLabel,
  earliestDay,
  inForceOn,
  latestDay,
  precisionOf,
  validityOf,
} from '../../core/partial-date';

/** The GraphQL face of core/partial-date.ts: shared value types of every subgraph, hence `@shareable`. */

export enum Precision {
  DAY = 'DAY',
  MONTH = 'MONTH',
  YEAR = 'YEAR',
}
registerEnumType(Precision, { name: 'DatePrecision', description: 'How precisely the sources give a date.' });

export enum InForceState {
  IN_FORCE = 'IN_FORCE',
  NOT_IN_FORCE = 'NOT_IN_FORCE',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(InForceState, { name: 'InForceState', description: 'In force on a date, not in force, or unknown from the sources (never a guess).' });

export enum InForceReason {
  START_UNKNOWN = 'START_UNKNOWN',
  START_WITHIN_PERIOD = 'START_WITHIN_PERIOD',
  END_WITHIN_PERIOD = 'END_WITHIN_PERIOD',
  START_ONLY_PLANNED = 'START_ONLY_PLANNED',
  END_ONLY_PLANNED = 'END_ONLY_PLANNED',
  NOT_YET_STARTED = 'NOT_YET_STARTED',
  ENDED = 'ENDED',
}
registerEnumType(InForceReason, {
  name: 'InForceReason',
  valuesConfig: {
    START_UNKNOWN: { description: 'Unknown: the sources give no start.' },
    START_WITHIN_PERIOD: { description: 'Unknown: the date falls in the month or year the sources give for the start.' },
    END_WITHIN_PERIOD: { description: 'Unknown: the date falls in the month or year the sources give for the end.' },
    START_ONLY_PLANNED: { description: 'Unknown: the start is only planned, and the date is on or after it.' },
    END_ONLY_PLANNED: { description: 'Unknown: the end is only planned, and the date is on or after it.' },
    NOT_YET_STARTED: { description: 'Not in force: it starts later.' },
    ENDED: { description: 'Not in force: it ended.' },
  },
});

@ObjectType({ description: 'A date at the precision the sources give: a day, a month or a year (EDTF level 0), and whether it is only planned.' })
@Directive('@shareable')
export class PartialDate {
  constructor(private readonly date: Partial) {}

  @Field(() => String, { description: 'ISO 8601-2 / EDTF level 0: 2024-04-18, 2023-11 or 2017.' })
  get edtf(): string {
    return this.date.edtf;
  }

  @Field(() => Precision)
  get precision(): DatePrecision {
    return precisionOf(this.date.edtf);
  }

  @Field(() => Boolean, { description: 'The sources give it as planned ("voorzien"), not as having happened.' })
  get planned(): boolean {
    return this.date.planned;
  }

  @Field(() => DateScalar, { description: 'The first day it can stand for.' })
  get earliest(): string {
    return earliestDay(this.date.edtf);
  }

  @Field(() => DateScalar, { description: 'The last day it can stand for.' })
  get latest(): string {
    return latestDay(this.date.edtf);
  }

  @Field(() => String, { description: 'In Dutch, for people: "18 april 2024", "november 2023", "2017", "1 januari 2026 (voorzien)".' })
  get label(): string {
    return dutchLabel(this.date);
  }
}

@ObjectType({ description: 'Whether something is in force on a date: yes, no, or unknown with the reason.' })
@Directive('@shareable')
export class InForce {
  constructor(answer: InForceAnswer) {
    this.on = answer.on;
    this.state = answer.state as InForceState;
    this.reason = answer.reason as InForceReason | null;
    this.explanation = answer.explanation;
  }

  @Field(() => DateScalar)
  on: string;

  @Field(() => InForceState)
  state: InForceState;

  @Field(() => InForceReason, { nullable: true, description: 'Why it is unknown or not in force; null when in force.' })
  reason: InForceReason | null;

  @Field(() => String, { description: 'The answer in Dutch, for people.' })
  explanation: string;
}

@ObjectType({ description: 'When something holds, at the precision the sources give. The end, at day precision, is exclusive; as a month or year it names when it ended.' })
@Directive('@shareable')
export class Validity {
  constructor(private readonly value: ValidityValue) {}

  @Field(() => PartialDate, { nullable: true, description: 'The start; null where the sources give none.' })
  get from(): PartialDate | null {
    return this.value.from ? new PartialDate(this.value.from) : null;
  }

  @Field(() => PartialDate, { nullable: true, description: 'The end; null while it holds (or where no end is known).' })
  get to(): PartialDate | null {
    return this.value.to ? new PartialDate(this.value.to) : null;
  }

  @Field(() => InForce, { description: 'In force on the date (default today), not, or unknown with the reason.' })
  inForceOn(@Arg('on', () => DateScalar, { nullable: true }) on?: Date | string): InForce {
    return new InForce(inForceOn(this.value, toIsoDate(on)));
  }
}

export type { Reason as InForceReasonCode, State as InForceStateCode };

/**
 * `validity` on a record type (every type that extends Recorded lists it in its subgraph's resolvers): resolved
 * from the stored columns, so it works on plain rows as well as on entities.
 */
export function validityResolver(target: Function) {
  @Resolver(() => target)
  class ValidityField {
    @FieldResolver(() => Validity, { description: 'When it holds, at the precision the sources give, and whether it is in force on a date (three-valued).' })
    validity(@Root() record: DatedRecord): Validity {
      return new Validity(validityOf(record));
    }
  }
  return ValidityField;
}
