import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { OrganisationKind } from '../_shared/enums';
import { DateScalar } from '../_shared/graphql-types';
import type { SubgraphContext } from '../_shared/subgraph';
import { isValidOn, toIsoDate } from '../_shared/validity';
import { Municipality } from './entities/municipality';
import { Organisation } from './entities/organisation';
import type { PartnersLoaders } from './loaders';

type Ctx = SubgraphContext<PartnersLoaders>;

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, { nullable: true, description: 'An organisation by id.' })
  organisation(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.organisation.load(id);
  }

  @Query(() => [Organisation], { description: 'Organisations, optionally of one kind, by name.' })
  organisations(@Arg('kind', () => OrganisationKind, { nullable: true }) kind: OrganisationKind | null, @Ctx() ctx: Ctx) {
    return ctx.db.getRepository(Organisation).find({ where: kind ? { kind } : {}, order: { name: 'ASC' } });
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation this one is part of.' })
  parent(@Root() o: Organisation, @Ctx() ctx: Ctx) {
    return o.parentId ? ctx.loaders.organisation.load(o.parentId) : null;
  }
}

@Resolver(() => Municipality)
export class MunicipalityOrganisationsResolver {
  @FieldResolver(() => [Organisation], { description: 'The organisations whose territory covers this municipality on the date (default today).' })
  async servingOrganisations(
    @Root() m: Municipality,
    @Arg('on', () => DateScalar, { nullable: true }) on: Date | null,
    @Arg('kind', () => OrganisationKind, { nullable: true }) kind: OrganisationKind | null,
    @Ctx() ctx: Ctx,
  ) {
    const date = toIsoDate(on);
    const organisations = await ctx.loaders.organisationsServing.load(m.nis);
    return organisations.filter((o) => (!kind || o.kind === kind) && isValidOn(o, date));
  }
}

export const partnersReferenceResolvers = {
  Organisation: {
    __resolveReference(ref: { id: string }, ctx: Ctx) {
      return ctx.loaders.organisation.load(ref.id);
    },
  },
  Municipality: {
    __resolveReference(ref: { nis: string }) {
      return ref;
    },
  },
};
