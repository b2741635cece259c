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
  @Field(() => DateScalar, { nullable: true, description: 'Valid (in force, in office, existing) from this date, inclusive; null where the sources do not confirm it.' })
  @Column({ type: 'date', name: 'valid_from', nullable: true })
  validFrom: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Valid until this date, exclusive; null while it holds.' })
  @Column({ type: 'date', name: 'valid_to', nullable: true })
  validTo: string | null;

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
