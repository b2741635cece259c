import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { TerritorialScale } from '../_shared/enums';
import type { SubgraphContext } from '../_shared/subgraph';
import { InstrumentRelation, RelationDirection } from './entities/instrument-relation';
import { Case, Instrument, InstrumentFigure, ServClassification } from './entities/instrument';
import { LegalBasisRef, legalBasisRefs } from '../_shared/references';
import { Agreement, Organisation } from './entities/references';
import type { InstrumentsLoaders } from './loaders';

type Ctx = SubgraphContext<InstrumentsLoaders>;

@Resolver(() => Instrument)
export class InstrumentResolver {
  @Query(() => Instrument, { nullable: true, description: 'A cooperation instrument by id.' })
  instrument(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.instrument.load(id);
  }

  @Query(() => [Case], { nullable: true, description: 'The cases of the research report.' })
  cases(@Ctx() ctx: Ctx) {
    return ctx.db.getRepository(Case).find({ order: { id: 'ASC' } });
  }

  @FieldResolver(() => Case, { nullable: true, name: 'case', description: 'The report case the instrument belongs to, if any.' })
  caseOf(@Root() i: Instrument, @Ctx() ctx: Ctx) {
    return i.caseId ? ctx.loaders.case.load(i.caseId) : null;
  }

  @FieldResolver(() => [TerritorialScale], { description: 'The territorial scales the instrument works on.' })
  scales(@Root() i: Instrument): TerritorialScale[] {
    return [...new Set(i.territory.map((t) => t.scale))];
  }

  @FieldResolver(() => [Organisation], { nullable: true, description: 'The specific organisations taking part.' })
  partners(@Root() i: Instrument): Organisation[] {
    return i.partnerIds.map((id) => ({ id }));
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The agreement or protocol this instrument is, where it is one: its parties, legal bases and territory are that agreement\'s.' })
  agreement(@Root() i: Instrument): Agreement | null {
    return i.agreementId ? { id: i.agreementId } : null;
  }

  @FieldResolver(() => [LegalBasisRef], { nullable: true, description: 'The legal bases the instrument rests on.' })
  legalBases(@Root() i: Instrument): LegalBasisRef[] {
    return legalBasisRefs(i.legalBasisIds);
  }

  @FieldResolver(() => [ServClassification], { description: 'Where the instrument sits on the SERV grid, with evidence.' })
  classifications(@Root() i: Instrument, @Ctx() ctx: Ctx) {
    return ctx.loaders.classificationsOfInstrument.load(i.id);
  }

  @FieldResolver(() => [InstrumentFigure])
  figures(@Root() i: Instrument, @Ctx() ctx: Ctx) {
    return ctx.loaders.figuresOfInstrument.load(i.id);
  }

  @FieldResolver(() => [InstrumentRelation], { description: 'How this instrument relates to others (part of, succeeded by, implements, related to), in both directions.' })
  async relations(@Root() i: Instrument, @Ctx() ctx: Ctx): Promise<InstrumentRelation[]> {
    return (await ctx.loaders.relationsOfInstrument.load(i.id)).map((r) => ({
      type: r.type,
      direction: r.fromId === i.id ? RelationDirection.OUTGOING : RelationDirection.INCOMING,
      otherId: r.fromId === i.id ? r.toId : r.fromId,
      planned: r.planned,
      note: r.note,
      sources: r.sources,
    }));
  }
}

@Resolver(() => InstrumentRelation)
export class InstrumentRelationResolver {
  @FieldResolver(() => Instrument, { nullable: true, description: 'The other instrument.' })
  instrument(@Root() r: InstrumentRelation, @Ctx() ctx: Ctx) {
    return ctx.loaders.instrument.load(r.otherId);
  }
}

@Resolver(() => Organisation)
export class OrganisationInstrumentsResolver {
  @FieldResolver(() => [Instrument], { nullable: true, description: 'The cooperation instruments this organisation is named a partner of.' })
  instruments(@Root() o: Organisation, @Ctx() ctx: Ctx) {
    return ctx.loaders.instrumentsOfPartner.load(o.id);
  }
}

export const instrumentsReferenceResolvers = {
  Instrument: {
    __resolveReference(ref: { id: string }, ctx: Ctx) {
      return ctx.loaders.instrument.load(ref.id);
    },
  },
  Organisation: {
    __resolveReference(ref: { id: string }) {
      return ref;
    },
  },
};
