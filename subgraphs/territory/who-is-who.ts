import { Arg, Ctx, Directive, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../_shared/graphql-types';
import type { SubgraphContext } from '../_shared/subgraph';
import { toIsoDate } from '../../core/dates';
import { knownInForce, mayBeInForce } from '../../core/partial-date';
import { Municipality } from './entities/municipality';
import {
  AdministrativeArrondissement,
  Eerstelijnszone,
  JudicialArrondissement,
  JudicialDivision,
  PoliceZone,
  Province,
} from './entities/named-area';
import { ServiceRegion, ServiceRegionKind, UnsettledArea } from './entities/service-region';
import { type AreaName, areasOf } from './areas';
import type { TerritoryLoaders } from './loaders';
import { MatchKind, findPlace } from './lookup';

type Ctx = SubgraphContext<TerritoryLoaders>;

/**
 * The contact card of one municipality as of a date. An entity keyed by municipality and date, so that the
 * partners subgraph adds the Veilig Huis, the ARIEC and the posts to contact for that same date.
 */
@ObjectType({ description: 'Who is who for one municipality on a date: its territorial scales, services and contacts.' })
@Directive('@key(fields: "nis on")')
export class WhoIsWho {
  @Field(() => ID, { description: 'NIS code of the municipality.' })
  nis: string;

  @Field(() => DateScalar, { description: 'The date the card answers for.' })
  on: string;
}

@ObjectType({ description: 'The answer to a who-is-who question: one card, or several to choose from when a postcode is shared.' })
export class WhoIsWhoResult {
  @Field(() => String, { description: 'What was asked, as typed.' })
  query: string;

  @Field(() => DateScalar)
  on: string;

  @Field(() => MatchKind)
  matchedBy: MatchKind;

  @Field(() => Boolean, { description: 'True when the postcode or name fits several municipalities: choose one of `cards`.' })
  ambiguous: boolean;

  @Field(() => [WhoIsWho])
  cards: WhoIsWho[];
}

async function areaOfCard(card: WhoIsWho, ctx: Ctx, area: AreaName) {
  const m = await ctx.loaders.municipality.load(card.nis);
  return m ? areasOf[area](m, ctx) : null;
}

async function regionOfKind(ctx: Ctx, card: WhoIsWho, kind: ServiceRegionKind): Promise<ServiceRegion | null> {
  const regions = await ctx.loaders.regionsOfMunicipality.load(card.nis);
  const candidates = regions.filter((r) => r.kind === kind && mayBeInForce(r, card.on));
  return candidates.find((r) => knownInForce(r, card.on)) ?? candidates[0] ?? null;
}

@Resolver(() => WhoIsWho)
export class WhoIsWhoResolver {
  @Query(() => WhoIsWhoResult, {
    nullable: true,
    description:
      'Who is who for a municipality (NIS code, current or former name, locality) or a postcode, as of a date (default today). ' +
      'Unknown names fail with NOT_FOUND and suggestions; a shared postcode returns one card per municipality.',
  })
  async whoIsWho(
    @Arg('municipality', () => String, { nullable: true }) municipality: string | null,
    @Arg('postcode', () => String, { nullable: true }) postcode: string | null,
    @Arg('on', () => DateScalar, { nullable: true }) on: Date | null,
    @Ctx() ctx: Ctx,
  ): Promise<WhoIsWhoResult> {
    const date = toIsoDate(on);
    const match = await findPlace(ctx.db, { municipality, postcode });
    return {
      query: (municipality ?? postcode ?? '').trim(),
      on: date,
      matchedBy: match.matchedBy,
      ambiguous: match.nisCodes.length > 1,
      cards: match.nisCodes.map((nis) => ({ nis, on: date })),
    };
  }

  @FieldResolver(() => Municipality)
  municipality(@Root() card: WhoIsWho, @Ctx() ctx: Ctx) {
    return ctx.loaders.municipality.load(card.nis);
  }

  @FieldResolver(() => PoliceZone)
  policeZone(@Root() card: WhoIsWho, @Ctx() ctx: Ctx) {
    return areaOfCard(card, ctx, 'policeZone');
  }

  @FieldResolver(() => Eerstelijnszone)
  eerstelijnszone(@Root() card: WhoIsWho, @Ctx() ctx: Ctx) {
    return areaOfCard(card, ctx, 'eerstelijnszone');
  }

  @FieldResolver(() => AdministrativeArrondissement)
  administrativeArrondissement(@Root() card: WhoIsWho, @Ctx() ctx: Ctx) {
    return areaOfCard(card, ctx, 'arrondissement');
  }

  @FieldResolver(() => Province, { nullable: true, description: 'Null in the Brussels-Capital Region.' })
  province(@Root() card: WhoIsWho, @Ctx() ctx: Ctx) {
    return areaOfCard(card, ctx, 'province');
  }

  @FieldResolver(() => JudicialArrondissement, { nullable: true, description: 'Null where the sources do not settle it (see unsettledAreas).' })
  judicialArrondissement(@Root() card: WhoIsWho, @Ctx() ctx: Ctx) {
    return areaOfCard(card, ctx, 'judicialArrondissement');
  }

  @FieldResolver(() => JudicialDivision, { nullable: true, description: 'Null where the sources do not settle it (see unsettledAreas).' })
  judicialDivision(@Root() card: WhoIsWho, @Ctx() ctx: Ctx) {
    return areaOfCard(card, ctx, 'judicialDivision');
  }

  @FieldResolver(() => ServiceRegion, { nullable: true, description: 'The Veilig Huis region on the date; null where unknown (see unsettledAreas).' })
  veiligHuisRegion(@Root() card: WhoIsWho, @Ctx() ctx: Ctx) {
    return regionOfKind(ctx, card, ServiceRegionKind.VEILIG_HUIS_REGION);
  }

  @FieldResolver(() => ServiceRegion, { nullable: true, description: 'The ARIEC area on the date; null where unknown (see unsettledAreas).' })
  ariecArea(@Root() card: WhoIsWho, @Ctx() ctx: Ctx) {
    return regionOfKind(ctx, card, ServiceRegionKind.ARIEC_AREA);
  }

  @FieldResolver(() => [UnsettledArea], { description: 'The areas the sources leave open for this municipality, with why.' })
  unsettledAreas(@Root() card: WhoIsWho, @Ctx() ctx: Ctx) {
    return ctx.loaders.unsettledOfMunicipality.load(card.nis);
  }
}

export const whoIsWhoReferenceResolver = {
  WhoIsWho: {
    __resolveReference(ref: { nis: string; on: string }) {
      return ref;
    },
  },
};
