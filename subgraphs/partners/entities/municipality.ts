import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The territory subgraph's Municipality, extended here with the organisations that serve it. */
@ObjectType()
@Directive('@key(fields: "nis")')
export class Municipality {
  @Field(() => ID)
  nis: string;
}
