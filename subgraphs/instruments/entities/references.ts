import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The partners subgraph's Agreement: the one an instrument is (Instrument.agreement). */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Agreement {
  @Field(() => ID)
  id: string;
}

/** The partners subgraph's Organisation, extended here with the instruments it takes part in. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Organisation {
  @Field(() => ID)
  id: string;
}
