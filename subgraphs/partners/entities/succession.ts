import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Source, type SourceRecord } from '../../_shared/graphql-types';
import { PartialDate } from '../../_shared/validity-types';

/**
 * How one body followed another (docs/data.md, "Lineage"). UNSETTLED: the sources suggest the two records may be
 * one body (one "also known as" the other) without settling it; the registry says so rather than merge them.
 */
export enum SuccessionType {
  RENAMED = 'RENAMED',
  MERGED = 'MERGED',
  SPLIT = 'SPLIT',
  ABSORBED = 'ABSORBED',
  UNSETTLED = 'UNSETTLED',
}
registerEnumType(SuccessionType, {
  name: 'SuccessionType',
  valuesConfig: {
    RENAMED: { description: 'The same body under a new name (or a new form): the successor continues it.' },
    MERGED: { description: 'The predecessor merged, with others, into the successor.' },
    SPLIT: { description: 'The predecessor split; the successor is one of the parts.' },
    ABSORBED: { description: 'The successor took over the predecessor, which ended.' },
    UNSETTLED: { description: 'The sources suggest that they may be one body, without settling it: both records stand.' },
  },
});

@Entity({ name: 'organisation_succession' })
export class SuccessionRow {
  @PrimaryColumn({ type: 'text', name: 'predecessor_id' })
  predecessorId: string;

  @PrimaryColumn({ type: 'text', name: 'successor_id' })
  successorId: string;

  @Column({ type: 'text' })
  type: SuccessionType;

  @Column({ type: 'text', name: 'date_edtf', nullable: true })
  dateEdtf: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'jsonb' })
  sources: SourceRecord[];
}

@ObjectType({ description: 'A predecessor or successor of an organisation, as a dated change with its sources.' })
export class Succession {
  @Field(() => SuccessionType)
  type: SuccessionType;

  /** The other organisation's id (resolved to `organisation`). */
  otherId: string;

  @Field(() => PartialDate, { nullable: true, description: 'When it happened, at the precision the sources give; null where they give no date.' })
  date: PartialDate | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => [Source])
  sources: SourceRecord[];
}
