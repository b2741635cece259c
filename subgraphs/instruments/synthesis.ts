import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { notFound } from '../../core/errors';
import { Source, type SourceRecord } from '../_shared/graphql-types';
import type { SubgraphContext } from '../_shared/subgraph';
import { Case, Instrument, ServAbsence, ServClassification } from './entities/instrument';
import { SERV_CELLS, ServDimension, ServPrinciple } from './entities/serv';
import type { InstrumentsLoaders } from './loaders';

type Ctx = SubgraphContext<InstrumentsLoaders>;

@ObjectType({ description: 'Evidence for a cell: the instrument it concerns (none for an absent cell) and the sources that say so.' })
export class ServEvidence {
  @Field(() => Instrument, { nullable: true })
  instrument: Instrument | null;

  @Field(() => [Source])
  sources: SourceRecord[];
}

@ObjectType({ description: 'One cell of the SERV grid for one case.' })
export class ServCell {
  @Field(() => ServPrinciple)
  principle: ServPrinciple;

  @Field(() => ServDimension)
  dimension: ServDimension;

  @Field(() => Boolean, { description: 'Whether the case has this form of cooperation: true when at least one instrument is classified in the cell.' })
  present: boolean;

  @Field(() => [Instrument], { description: 'The instruments that fill the cell.' })
  instruments: Instrument[];

  @Field(() => [ServEvidence], { description: 'Why: the classification evidence, or for an absent cell the source that says it is absent.' })
  evidence: ServEvidence[];
}

@ObjectType({ description: 'The SERV synthesis of one case, computed from the classified instruments (report section 4.4.5).' })
export class CaseSynthesis {
  @Field(() => Case, { name: 'case' })
  case: Case;

  @Field(() => [ServCell], { description: 'The ten cells in the order of the report\'s table.' })
  cells: ServCell[];
}

/**
 * The synthesis is derived, never stored: a cell is present exactly when an instrument of the case is
 * classified in it; the report's "absent" findings supply the evidence for the empty cells.
 */
export function synthesise(
  cases: Case[],
  classifications: ServClassification[],
  absences: ServAbsence[],
  instruments: Map<string, Instrument>,
): CaseSynthesis[] {
  return cases.map((c) => ({
    case: c,
    cells: SERV_CELLS.map(({ principle, dimension }) => {
      const inCell = classifications.filter((k) => k.caseId === c.id && k.principle === principle && k.dimension === dimension);
      const filled = [...new Set(inCell.map((k) => k.instrumentId))].map((id) => instruments.get(id)!).filter(Boolean);
      const absent = absences.filter((a) => a.caseId === c.id && a.principle === principle && a.dimension === dimension);
      return {
        principle,
        dimension,
        present: filled.length > 0,
        instruments: filled,
        evidence: filled.length
          ? inCell.map((k) => ({ instrument: instruments.get(k.instrumentId) ?? null, sources: k.sources }))
          : absent.map((a) => ({ instrument: null, sources: a.sources })),
      };
    }),
  }));
}

@Resolver()
export class SynthesisResolver {
  @Query(() => [CaseSynthesis], {
    nullable: true,
    description: 'For each case (default: all), the SERV principle × dimension grid with the instruments filling each cell and the evidence.',
  })
  async servSynthesis(@Arg('cases', () => [ID], { nullable: true }) caseIds: string[] | null, @Ctx() ctx: Ctx): Promise<CaseSynthesis[]> {
    const all = await ctx.db.getRepository(Case).find({ order: { id: 'ASC' } });
    const unknown = (caseIds ?? []).filter((id) => !all.some((c) => c.id === id));
    if (unknown.length) {
      throw notFound(`Onbekende casus ${unknown.map((u) => `"${u}"`).join(', ')}. Gekende casussen: ${all.map((c) => c.id).join(', ')}.`, {
        argument: 'cases',
        known: all.map((c) => c.id),
      });
    }
    const cases = caseIds ? caseIds.map((id) => all.find((c) => c.id === id)!) : all;
    const [classifications, absences, instruments] = await Promise.all([
      ctx.db.getRepository(ServClassification).find({ order: { seq: 'ASC' } }),
      ctx.db.getRepository(ServAbsence).find(),
      ctx.db.getRepository(Instrument).find(),
    ]);
    return synthesise(cases, classifications, absences, new Map(instruments.map((i) => [i.id, i])));
  }
}
