import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { TerritorialScale } from '../_shared/enums';
import type { SubgraphContext } from '../_shared/subgraph';
import { Organisation } from './entities/organisation';
import type { PartnersLoaders } from './loaders';

type Ctx = SubgraphContext<PartnersLoaders>;

/**
 * The instruments subgraph's Instrument, seen from here: its partners and scales come from there (@requires),
 * the partners' own scales from here, so the congruence between them is computed where both meet.
 */
@ObjectType('Instrument')
@Directive('@key(fields: "id")')
export class InstrumentRef {
  @Field(() => ID)
  id: string;

  @Field(() => [ID])
  @Directive('@external')
  partnerIds?: string[];

  @Field(() => [TerritorialScale])
  @Directive('@external')
  scales?: TerritorialScale[];
}

@ObjectType({ description: 'The scales one partner of an instrument works on.' })
export class PartnerScales {
  @Field(() => Organisation)
  organisation: Organisation;

  @Field(() => [TerritorialScale])
  scales: TerritorialScale[];
}

@ObjectType({ description: 'Scale congruence (the report\'s recurring finding): the scales an instrument works on against its partners\' scales.' })
export class InstrumentScaleCongruence {
  @Field(() => [TerritorialScale])
  instrumentScales: TerritorialScale[];

  @Field(() => [PartnerScales])
  partners: PartnerScales[];

  @Field(() => Boolean, { nullable: true, description: 'True when every named partner works on at least one of the instrument\'s scales; null when scales are unknown.' })
  congruent: boolean | null;

  @Field(() => [String], { description: 'The mismatches in words.' })
  mismatches: string[];
}

@Resolver(() => InstrumentRef)
export class InstrumentCongruenceResolver {
  @FieldResolver(() => InstrumentScaleCongruence, { nullable: true })
  @Directive('@requires(fields: "partnerIds scales")')
  async scaleCongruence(@Root() instrument: InstrumentRef, @Ctx() ctx: Ctx): Promise<InstrumentScaleCongruence> {
    const instrumentScales = instrument.scales ?? [];
    const organisations = (await ctx.loaders.organisation.loadMany(instrument.partnerIds ?? [])).filter(
      (o): o is Organisation => Boolean(o) && !(o instanceof Error),
    );
    const partners = organisations.map((organisation) => ({ organisation, scales: [...new Set(organisation.serves.map((s) => s.scale))] }));
    const known = partners.filter((p) => p.scales.length);
    if (!instrumentScales.length || !known.length) return { instrumentScales, partners, congruent: null, mismatches: [] };
    const mismatches = known
      .filter((p) => !p.scales.some((s) => instrumentScales.includes(s)))
      .map((p) => `${p.organisation.name} works on ${p.scales.join(', ')}; the instrument on ${instrumentScales.join(', ')}.`);
    return { instrumentScales, partners, congruent: mismatches.length === 0, mismatches };
  }
}

export const instrumentCongruenceReferenceResolver = {
  Instrument: { __resolveReference: (ref: InstrumentRef) => ref },
};
