import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OrganisationKind } from '../../_shared/enums';

@ObjectType({ description: 'A phenomenon agreements, posts and instruments are about (intrafamiliaal geweld, ondermijning, …).' })
@Entity({ name: 'phenomenon' })
export class Phenomenon {
  @Field(() => ID, { description: 'The slug records use, e.g. `intrafamiliaal-geweld`.' })
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Field(() => String, { description: 'The Dutch label people read.' })
  @Column({ type: 'text' })
  label: string;

  @Field(() => [String], { description: 'Words that lead to it in a question, e.g. "partnergeweld".' })
  @Column({ type: 'text', array: true })
  synonyms: string[];
}

@ObjectType({ description: 'A word for a kind of partner in "which protocol applies", and the organisation kinds it means.' })
@Entity({ name: 'partner_term' })
export class PartnerTerm {
  @Field(() => ID, { description: 'Pass this (or the label, a synonym, an organisation id) in `partners`.' })
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Field(() => String, { description: 'The Dutch label people read.' })
  @Column({ type: 'text' })
  label: string;

  @Field(() => [OrganisationKind])
  @Column({ type: 'text', array: true })
  kinds: OrganisationKind[];

  @Field(() => [String])
  @Column({ type: 'text', array: true })
  synonyms: string[];
}
