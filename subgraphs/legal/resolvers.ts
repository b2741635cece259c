import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { DateScalar, SOURCES_CONSULTED, lastConfirmedOf } from '../_shared/graphql-types';
import type { SubgraphContext } from '../_shared/subgraph';
import { toIsoDate } from '../../core/dates';
import { inForceBoolean } from '../../core/partial-date';
import { LegalBasis } from './entities/legal-basis';
import { LegalRelation } from './entities/legal-relation';
import type { LegalLoaders } from './loaders';

type Ctx = SubgraphContext<LegalLoaders>;

@Resolver(() => LegalBasis)
export class LegalBasisResolver {
  @Query(() => LegalBasis, { nullable: true, description: 'A legal basis by id.' })
  legalBasis(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.legalBasis.load(id);
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: SOURCES_CONSULTED })
  lastConfirmed(@Root() l: LegalBasis) {
    return lastConfirmedOf(l.sources);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether the basis is in force on the date (default today); null when its in-force date is unconfirmed.',
  })
  inForce(@Root() b: LegalBasis, @Arg('on', () => DateScalar, { nullable: true }) on: Date | null) {
    return inForceBoolean(b, toIsoDate(on));
  }

  @FieldResolver(() => [LegalRelation], { description: 'Relations from this basis to others ("this REPLACES that").' })
  relations(@Root() b: LegalBasis, @Ctx() ctx: Ctx) {
    return ctx.loaders.relationsFrom.load(b.id);
  }

  @FieldResolver(() => [LegalRelation], { description: 'Relations from other bases to this one ("that AMENDS this").' })
  relatedFrom(@Root() b: LegalBasis, @Ctx() ctx: Ctx) {
    return ctx.loaders.relationsTo.load(b.id);
  }
}

@Resolver(() => LegalRelation)
export class LegalRelationResolver {
  @FieldResolver(() => LegalBasis)
  from(@Root() r: LegalRelation, @Ctx() ctx: Ctx) {
    return ctx.loaders.legalBasis.load(r.fromId);
  }

  @FieldResolver(() => LegalBasis)
  to(@Root() r: LegalRelation, @Ctx() ctx: Ctx) {
    return ctx.loaders.legalBasis.load(r.toId);
  }
}

export const legalReferenceResolvers = {
  LegalBasis: {
    __resolveReference(ref: { id: string }, ctx: Ctx) {
      return ctx.loaders.legalBasis.load(ref.id);
    },
  },
};
