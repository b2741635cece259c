import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Editable } from '../../_shared/editing/editable';
import { OrganisationKind } from '../../_shared/enums';
import { TerritoryRef } from '../../_shared/graphql-types';

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
export class Post extends Editable {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id: string;

  /** The organisation the post is in; null for a post every organisation of a kind has (`organisationKind`). */
  @Index()
  @Column({ type: 'text', name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Field(() => OrganisationKind, {
    nullable: true,
    description: 'For a post that every organisation of this kind has (the sources describe it for all of them, "elk Veilig Huis"): the kind. Null for a post of one organisation.',
  })
  @Column({ type: 'text', name: 'organisation_kind', nullable: true })
  organisationKind: OrganisationKind | null;

  @Field(() => PostFunction)
  @Column({ type: 'text' })
  function: PostFunction;

  @Field(() => String)
  @Column({ type: 'text' })
  title: string;

  @Field(() => [String])
  @Column({ type: 'text', array: true })
  phenomena: string[];

  @Field(() => [TerritoryRef], {
    nullable: true,
    description: 'The territory the post serves where it is not its whole organisation\'s (a Limburg project of a Flemish agency); null: the organisation\'s.',
  })
  @Column({ type: 'jsonb', nullable: true })
  serves: TerritoryRef[] | null;

  /** Where the post sits, where a source or an editor says so (served as `municipality`). */
  @Column({ type: 'varchar', length: 5, name: 'municipality_nis', nullable: true })
  municipalityNis: string | null;
}

/** The municipalities a post with a territory of its own (`serves`) covers; expanded by the seed. */
@Entity({ name: 'post_municipality' })
export class PostMunicipality {
  @PrimaryColumn({ type: 'text', name: 'post_id' })
  postId: string;

  @Index()
  @PrimaryColumn({ type: 'varchar', length: 5, name: 'municipality_nis' })
  municipalityNis: string;
}
