import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Source, type SourceRecord } from '../../_shared/graphql-types';

/** How two instruments relate, as the sources describe it (seeds/instruments/instrument-relations.yaml). */
export enum InstrumentRelationType {
  PART_OF = 'PART_OF',
  SUCCEEDED_BY = 'SUCCEEDED_BY',
  IMPLEMENTS = 'IMPLEMENTS',
  RELATED_TO = 'RELATED_TO',
}
registerEnumType(InstrumentRelationType, {
  name: 'InstrumentRelationType',
  valuesConfig: {
    PART_OF: { description: 'The instrument is part of the other (a network of a programme, a table of a structure).' },
    SUCCEEDED_BY: { description: 'The other took its place.' },
    IMPLEMENTS: { description: 'The instrument puts the other (a law, a framework, a plan) into practice.' },
    RELATED_TO: { description: 'The sources link them otherwise (they work together, one builds on the other); the note says how.' },
  },
});

export enum RelationDirection {
  OUTGOING = 'OUTGOING',
  INCOMING = 'INCOMING',
}
registerEnumType(RelationDirection, {
  name: 'RelationDirection',
  valuesConfig: {
    OUTGOING: { description: 'This instrument is the subject: "this PART_OF that".' },
    INCOMING: { description: 'The other instrument is the subject: "that PART_OF this".' },
  },
});

@Entity({ name: 'instrument_relation' })
export class InstrumentRelationRow {
  @PrimaryColumn({ type: 'text', name: 'from_id' })
  fromId: string;

  @PrimaryColumn({ type: 'text' })
  type: InstrumentRelationType;

  @PrimaryColumn({ type: 'text', name: 'to_id' })
  toId: string;

  @Column({ type: 'boolean', default: false })
  planned: boolean;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'jsonb' })
  sources: SourceRecord[];
}

@ObjectType({ description: 'A relation between this instrument and another, from the sources.' })
@Directive('@shareable')
export class InstrumentRelation {
  @Field(() => InstrumentRelationType)
  type: InstrumentRelationType;

  @Field(() => RelationDirection)
  direction: RelationDirection;

  /** The other instrument's id (resolved to `instrument`). */
  otherId: string;

  @Field(() => Boolean, { description: 'The sources give the relation as planned or intended, not as in place.' })
  planned: boolean;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => [Source])
  sources: SourceRecord[];
}
