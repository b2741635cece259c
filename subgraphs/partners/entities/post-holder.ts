import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar, Source, type SourceRecord } from '../../_shared/graphql-types';

@ObjectType({ description: 'The person holding a post, with direct contacts: personal data, visible only where docs/security.md allows, and every read is audited.' })
@Entity({ name: 'post_holder' })
export class PostHolder {
  @Field(() => ID, { nullable: true })
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Index()
  @Column({ type: 'text', name: 'post_id' })
  postId: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', name: 'person_name' })
  personName: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', name: 'valid_from', nullable: true })
  validFrom: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', name: 'valid_to', nullable: true })
  validTo: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True for fictional test persons (never loaded by the seeds).' })
  @Column({ type: 'boolean' })
  fictional: boolean;

  @Field(() => [Source], { nullable: true })
  @Column({ type: 'jsonb' })
  sources: SourceRecord[];

  @Field(() => Int, { nullable: true, description: 'Increases with every change; send it with a change (optimistic concurrency).' })
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'text', default: 'SEED' })
  origin: string;

  @Column({ type: 'date', name: 'confirmed_on', nullable: true })
  confirmedOn: string | null;
}
