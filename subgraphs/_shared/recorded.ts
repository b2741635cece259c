import { Column } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { DateScalar, Source, type SourceRecord } from './graphql-types';

/**
 * What every registry record carries besides its own facts: when it holds, what the sources leave unconfirmed,
 * how a derived fact was established, and the sources themselves. Entities extend this; the columns have the
 * same names in every table.
 */
@ObjectType()
export abstract class Recorded {
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Valid (in force, in office, existing) from this day, inclusive; null where the sources give no day that happened (see `validity` for a month, a year or a planned date).',
  })
  @Column({ type: 'date', name: 'valid_from', nullable: true })
  validFrom: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Valid until this day, exclusive; null while it holds or where the end is known only as a month or year (see `validity`).' })
  @Column({ type: 'date', name: 'valid_to', nullable: true })
  validTo: string | null;

  /** The start as the sources give it (EDTF level 0); `validFrom` is its day where that is exact and happened. */
  @Column({ type: 'text', name: 'valid_from_edtf', nullable: true })
  validFromEdtf: string | null;

  @Column({ type: 'boolean', name: 'valid_from_planned', default: false })
  validFromPlanned: boolean;

  @Column({ type: 'text', name: 'valid_to_edtf', nullable: true })
  validToEdtf: string | null;

  @Column({ type: 'boolean', name: 'valid_to_planned', default: false })
  validToPlanned: boolean;

  /** The earliest day a source or an editor attests that it exists (subgraphs/_shared/partial-validity-ddl.ts). */
  @Column({ type: 'date', name: 'attested_on', nullable: true })
  attestedOn: string | null;

  @Field(() => [String], { description: 'Fields the sources do not confirm (for example "validFrom").' })
  @Column({ type: 'text', array: true })
  unconfirmed: string[];

  @Field(() => String, { nullable: true, description: 'How a derived or unconfirmed fact was established.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => [Source])
  @Column({ type: 'jsonb' })
  sources: SourceRecord[];
}
