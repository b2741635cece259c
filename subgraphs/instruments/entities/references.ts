import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The partners subgraph's Organisation, extended here with the instruments it takes part in. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Organisation {
  @Field(() => ID)
  id: string;
}

/** A reference to the legal subgraph's LegalBasis; only its key is known here. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class LegalBasis {
  @Field(() => ID)
  id: string;
}
