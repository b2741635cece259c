import { Column } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { Recorded } from '../recorded';

/**
 * A record editors keep current: besides what every record carries, the version a change must be based on
 * (optimistic concurrency), whether an editor has written it (the seed then leaves it alone) and when an
 * editor last confirmed it without changing it.
 */
@ObjectType()
export abstract class Editable extends Recorded {
  @Field(() => Int, { description: 'Increases with every change; send it with a change (optimistic concurrency).' })
  @Column({ type: 'integer', default: 1 })
  version: number;

  /** SEED while only the seed files wrote it, EDITOR once an editor has. */
  @Column({ type: 'text', default: 'SEED' })
  origin: string;

  /** The last date an editor confirmed the record as still true. */
  @Column({ type: 'date', name: 'confirmed_on', nullable: true })
  confirmedOn: string | null;
}
