import { TERRITORY_UNKNOWN } from '../_shared/protocol-question';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../_shared/subgraph';
import { DateScalar } from '../_shared/graphql-types';
import { toIsoDate } from '../../core/dates';
import { mayBeInForce } from '../../core/partial-date';
import { Municipality } from './entities/municipality';
import {
  AdministrativeArrondissement,
  Eerstelijnszone,
  JudicialArrondissement,
  JudicialDivision,
  PoliceZone,
  Province,
} from './entities/named-area';
import { Postcode } from './entities/postcode';
import { ServiceRegion, ServiceRegionKind, UnsettledArea } from './entities/service-region';
import { areasOf } from './areas';
import type { TerritoryLoaders } from './loaders';

type Ctx = SubgraphContext<TerritoryLoaders>;

@Resolver(() => Municipality)
export class MunicipalityResolver {
  @Query(() => Municipality, { nullable: true, description: 'A municipality by NIS code.' })
  municipality(@Arg('nis', () => ID) nis: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.municipality.load(nis);
  }

  @FieldResolver(() => Province, { nullable: true, description: 'Null for the Brussels-Capital Region, which has no province.' })
  province(@Root() m: Municipality, @Ctx() ctx: Ctx) {
    return areasOf.province(m, ctx);
  }

  @FieldResolver(() => AdministrativeArrondissement)
  arrondissement(@Root() m: Municipality, @Ctx() ctx: Ctx) {
    return areasOf.arrondissement(m, ctx);
  }

  @FieldResolver(() => PoliceZone)
  policeZone(@Root() m: Municipality, @Ctx() ctx: Ctx) {
    return areasOf.policeZone(m, ctx);
  }

  @FieldResolver(() => Eerstelijnszone)
  eerstelijnszone(@Root() m: Municipality, @Ctx() ctx: Ctx) {
    return areasOf.eerstelijnszone(m, ctx);
  }

  @FieldResolver(() => JudicialArrondissement, { nullable: true, description: 'Null where no source establishes the arrondissement.' })
  judicialArrondissement(@Root() m: Municipality, @Ctx() ctx: Ctx) {
    return areasOf.judicialArrondissement(m, ctx);
  }

  @FieldResolver(() => JudicialDivision, { nullable: true, description: 'Null where no source establishes the division.' })
  judicialDivision(@Root() m: Municipality, @Ctx() ctx: Ctx) {
    return areasOf.judicialDivision(m, ctx);
  }

  @FieldResolver(() => [UnsettledArea], { description: 'Areas the sources leave unsettled for this municipality (its field is then null), with why.' })
  unsettledAreas(@Root() m: Municipality, @Ctx() ctx: Ctx) {
    return ctx.loaders.unsettledOfMunicipality.load(m.nis);
  }

  @FieldResolver(() => [Postcode])
  postcodes(@Root() m: Municipality, @Ctx() ctx: Ctx) {
    return ctx.loaders.postcodesOfMunicipality.load(m.nis);
  }

  @FieldResolver(() => [ServiceRegion], { description: 'The service regions covering the municipality on the date (default today).' })
  async serviceRegions(
    @Root() m: Municipality,
    @Arg('kind', () => ServiceRegionKind, { nullable: true }) kind: ServiceRegionKind | null,
    @Arg('on', () => DateScalar, { nullable: true }) on: Date | null,
    @Ctx() ctx: Ctx,
  ) {
    const date = toIsoDate(on);
    const regions = await ctx.loaders.regionsOfMunicipality.load(m.nis);
    return regions.filter((r) => (!kind || r.kind === kind) && mayBeInForce(r, date));
  }
}

@Resolver(() => UnsettledArea)
export class UnsettledAreaResolver {
  @FieldResolver(() => String, { description: 'Why it is unknown, as a stable code: TERRITORY_UNKNOWN (the sources do not say which area of this kind the municipality lies in).' })
  reason() {
    return TERRITORY_UNKNOWN;
  }

  @FieldResolver(() => [ServiceRegion], {
    description: 'The regions of this kind in the municipality\'s province: one of them may serve it, the sources do not say which. Empty for kinds that are not service regions.',
  })
  candidates(@Root() area: UnsettledArea, @Ctx() ctx: Ctx) {
    return ctx.loaders.candidateRegions.load(`${area.kind}|${area.municipalityNis}`);
  }
}

@Resolver(() => JudicialDivision)
export class JudicialDivisionResolver {
  @FieldResolver(() => JudicialArrondissement)
  arrondissement(@Root() d: JudicialDivision, @Ctx() ctx: Ctx) {
    return ctx.loaders.judicialArrondissement.load(d.arrondissementId);
  }
}

export const territoryReferenceResolvers = {
  Municipality: {
    __resolveReference(ref: { nis: string }, ctx: Ctx) {
      return ctx.loaders.municipality.load(ref.nis);
    },
  },
};
