import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Recorded } from '../../_shared/recorded';

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
export class Post extends Recorded {
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
}
