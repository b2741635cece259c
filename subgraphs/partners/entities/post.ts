import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, Source, type SourceRecord } from '../../_shared/graphql-types';

export enum PostFunction {
  SPOC = 'SPOC',
  CASUSREGISSEUR = 'CASUSREGISSEUR',
  ARIEC_ANALIST = 'ARIEC_ANALIST',
  REFERENTIEMAGISTRAAT = 'REFERENTIEMAGISTRAAT',
  PROJECTLEIDER = 'PROJECTLEIDER',
  COORDINATOR = 'COORDINATOR',
  PROJECTMANAGER = 'PROJECTMANAGER',
  OTHER = 'OTHER',
}
registerEnumType(PostFunction, { name: 'PostFunction', description: 'The liaison function a post fulfils.' });

@ObjectType({ description: 'A post: a function within an organisation (for example "SPOC bestuurlijke handhaving"). Posts are public; who holds one is not part of this type.' })
@Entity({ name: 'post' })
export class Post {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Index()
  @Column({ type: 'text', name: 'organisation_id' })
  organisationId: string;

  @Field(() => PostFunction)
  @Column({ type: 'text' })
  function: PostFunction;

  @Field(() => String)
  @Column({ type: 'text' })
  title: string;

  @Field(() => [String])
  @Column({ type: 'text', array: true })
  phenomena: string[];

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', name: 'valid_from', nullable: true })
  validFrom: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', name: 'valid_to', nullable: true })
  validTo: string | null;

  @Field(() => [String], { description: 'Fields the sources do not confirm.' })
  @Column({ type: 'text', array: true })
  unconfirmed: string[];

  @Field(() => String, { nullable: true, description: 'How a derived or unconfirmed fact was established.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => [Source])
  @Column({ type: 'jsonb' })
  sources: SourceRecord[];
}
