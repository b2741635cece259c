import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar, Source, type SourceRecord } from '../../_shared/graphql-types';

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
}

@ObjectType({ description: 'One entry of the audit trail: a read of personal data or restricted documents, or a write.' })
@Entity({ name: 'audit_log' })
export class AuditEntry {
  @Field(() => ID, { nullable: true })
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  seq: string;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ type: 'timestamptz', insert: false })
  at: Date;

  @Field(() => String, { nullable: true, description: 'The token subject of the caller.' })
  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text' })
  role: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  organisation: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text' })
  action: string;

  @Field(() => String, { nullable: true, description: 'What was read or written, for example "Post.holders:ariec-limburg-jurist".' })
  @Column({ type: 'text' })
  target: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', name: 'request_id', nullable: true })
  requestId: string | null;
}
