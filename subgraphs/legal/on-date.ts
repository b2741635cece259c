import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../_shared/graphql-types';
import type { SubgraphContext } from '../_shared/subgraph';
import { inForceBoolean } from '../../core/partial-date';
import { LegalBasis } from './entities/legal-basis';
import type { LegalLoaders } from './loaders';

type Ctx = SubgraphContext<LegalLoaders>;

/**
 * A legal basis as of a date, keyed by both: other subgraphs that answer "as of a date" questions point at it,
 * and this subgraph, which owns the in-force dates, says whether the basis is in force then.
 */
@ObjectType({ description: 'A legal basis as of a date.' })
@Directive('@key(fields: "id on")')
export class LegalBasisOnDate {
  @Field(() => ID)
  id: string;

  @Field(() => DateScalar)
  on: string;
}

@Resolver(() => LegalBasisOnDate)
export class LegalBasisOnDateResolver {
  @FieldResolver(() => LegalBasis, { nullable: true, description: 'Null if the id is not in the registry.' })
  basis(@Root() r: LegalBasisOnDate, @Ctx() ctx: Ctx) {
    return ctx.loaders.legalBasis.load(r.id);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'In force on the date; null where the in-force date is unconfirmed.' })
  async inForce(@Root() r: LegalBasisOnDate, @Ctx() ctx: Ctx) {
    const basis = await ctx.loaders.legalBasis.load(r.id);
    return basis ? inForceBoolean(basis, r.on) : null;
  }
}

export const legalBasisOnDateReferenceResolver = {
  LegalBasisOnDate: { __resolveReference: (ref: { id: string; on: string }) => ref },
};
