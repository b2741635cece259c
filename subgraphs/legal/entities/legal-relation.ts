import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum LegalRelationType {
  REPLACES = 'REPLACES',
  IMPLEMENTS = 'IMPLEMENTS',
  AMENDS = 'AMENDS',
  INSERTS = 'INSERTS',
}
registerEnumType(LegalRelationType, { name: 'LegalRelationType' });

@ObjectType({ description: 'A relation between two legal bases, read as "<from> <type> <to>".' })
@Entity({ name: 'legal_relation' })
export class LegalRelation {
  @PrimaryColumn({ type: 'text', name: 'from_id' })
  fromId: string;

  @Field(() => LegalRelationType)
  @PrimaryColumn({ type: 'text' })
  type: LegalRelationType;

  @PrimaryColumn({ type: 'text', name: 'to_id' })
  toId: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
