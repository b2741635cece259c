import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The partners subgraph's Organisation, extended here with the instruments it takes part in. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Organisation {
  @Field(() => ID)
  id: string;
}
