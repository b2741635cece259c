import { Arg, Ctx, Directive, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '../../core/errors';
import { DateScalar } from '../_shared/graphql-types';
import { type ProtocolQuestionInput, decodeProtocolQuestion, encodeProtocolQuestion } from '../_shared/protocol-question';
import type { SubgraphContext } from '../_shared/subgraph';
import { toIsoDate } from '../../core/dates';
import { Municipality } from './entities/municipality';
import type { TerritoryLoaders } from './loaders';
import { findPlace } from './lookup';

type Ctx = SubgraphContext<TerritoryLoaders>;

@ObjectType({ description: 'A "which protocol applies" question: a phenomenon, a place, partners and a date. The partners subgraph answers it.' })
@Directive('@key(fields: "id")')
export class ProtocolQuestion {
  @Field(() => ID, { description: 'The question, encoded; stable for the same inputs.' })
  id: string;

  @Field(() => String)
  phenomenon: string;

  @Field(() => [String])
  partners: string[];

  @Field(() => DateScalar)
  on: string;

  nis: string;
}

const asQuestion = (q: ProtocolQuestionInput): ProtocolQuestion => ({ ...q, id: encodeProtocolQuestion(q) });

@Resolver(() => ProtocolQuestion)
export class ProtocolQuestionResolver {
  @Query(() => ProtocolQuestion, {
    nullable: true,
    description:
      'Which agreements and protocols apply, on a date (default today), to a phenomenon in a municipality for all the named partners ' +
      '(organisation ids or kinds such as CAW, politie, parket). When none applies, the answer says why.',
  })
  async whichProtocolApplies(
    @Arg('phenomenon', () => String) phenomenon: string,
    @Arg('municipality', () => String) municipality: string,
    @Arg('partners', () => [String]) partners: string[],
    @Arg('on', () => DateScalar, { nullable: true }) on: Date | null,
    @Ctx() ctx: Ctx,
  ): Promise<ProtocolQuestion> {
    if (!phenomenon.trim()) throw badInput('Noem een fenomeen, bijvoorbeeld "intrafamiliaal geweld".', { argument: 'phenomenon', reason: 'MISSING_PHENOMENON' });
    const named = partners.map((p) => p.trim()).filter(Boolean);
    if (!named.length) throw badInput('Noem minstens één partner: een organisatie-id of een soort partner zoals CAW, politie of parket.', { argument: 'partners', reason: 'MISSING_PARTNER' });
    // A postcode is a place too, as in whoIsWho.
    const place = await findPlace(ctx.db, /^\s*\d{4}\s*$/.test(municipality) ? { postcode: municipality } : { municipality });
    if (place.nisCodes.length > 1) {
      throw badInput(`"${municipality}" past bij meerdere gemeenten (${place.nisCodes.join(', ')}): geef een NIS-code.`, { argument: 'municipality', reason: 'AMBIGUOUS_PLACE', candidates: place.nisCodes });
    }
    const nis = place.nisCodes[0];
    const unsettled = await Promise.all(
      (await ctx.loaders.unsettledOfMunicipality.load(nis)).map(async (area) => ({
        kind: area.kind,
        candidateRegions: (await ctx.loaders.candidateRegions.load(`${area.kind}|${nis}`)).map((r) => r.id),
      })),
    );
    const question = asQuestion({ nis, phenomenon: phenomenon.trim(), partners: named, on: toIsoDate(on), unsettled });
    // Every argument is checked now, whatever the client selects: the partners subgraph knows the phenomena and
    // the partners, and refuses unknown ones with suggestions.
    await ctx.peers.entities('partners', ctx.identity, ctx.requestId, 'ProtocolQuestion', [{ id: question.id }], 'argumentsChecked');
    return question;
  }

  @FieldResolver(() => Municipality)
  municipality(@Root() q: ProtocolQuestion, @Ctx() ctx: Ctx) {
    return ctx.loaders.municipality.load(q.nis);
  }
}

export const protocolQuestionReferenceResolver = {
  ProtocolQuestion: {
    __resolveReference(ref: { id: string }) {
      return asQuestion(decodeProtocolQuestion(ref.id));
    },
  },
};
