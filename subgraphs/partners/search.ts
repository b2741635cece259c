import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { badInput } from '../../core/errors';
import { LegalBasisRef, MunicipalityRef } from '../_shared/references';
import { InstrumentRef } from './congruence';
import type { SubgraphContext } from '../_shared/subgraph';
import { Organisation } from './entities/organisation';
import type { PartnersLoaders } from './loaders';

type Ctx = SubgraphContext<PartnersLoaders>;

/**
 * The text for websearch_to_tsquery. It reads every `-` that is not followed by a word as one more NOT on a stack
 * of 32 operators, and fails past it ("tsquery stack too small"): 33 dashes, or `- - - …`, were a server error. A dash
 * is a negation only directly before a word or a quoted phrase (`-politie`, `-"veilig huis"`), as in a web search;
 * runs of dashes and dashes before a space or punctuation are separators. Hyphenated words keep their hyphen.
 */
export function fullTextQuery(text: string): string {
  return text.replace(/-{2,}/g, ' ').replace(/-(?![\p{L}\p{N}"])/gu, ' ');
}

export enum SearchHitType {
  ORGANISATION = 'ORGANISATION',
  INSTRUMENT = 'INSTRUMENT',
  LEGAL_BASIS = 'LEGAL_BASIS',
  MUNICIPALITY = 'MUNICIPALITY',
}
registerEnumType(SearchHitType, { name: 'SearchHitType', description: 'What a search hit is.' });

@ObjectType({ description: 'One search result: what it is, its label and score, and the record itself in the field of its type.' })
export class SearchHit {
  @Field(() => SearchHitType)
  type: SearchHitType;

  @Field(() => ID)
  id: string;

  @Field(() => String)
  label: string;

  @Field(() => Float, { description: 'Relevance; higher is better. Only comparable within one search.' })
  score: number;

  @Field(() => InstrumentRef, { nullable: true })
  instrument?: InstrumentRef | null;

  @Field(() => LegalBasisRef, { nullable: true })
  legalBasis?: LegalBasisRef | null;

  @Field(() => MunicipalityRef, { nullable: true })
  municipality?: MunicipalityRef | null;
}

@Resolver(() => SearchHit)
export class SearchResolver {
  /** Loaded only when a caller asks for it: most searches want the labels, and the loader batches the hits of one search. */
  @FieldResolver(() => Organisation, { nullable: true })
  async organisation(@Root() hit: SearchHit, @Ctx() ctx: Ctx): Promise<Organisation | null> {
    return hit.type === SearchHitType.ORGANISATION ? (await ctx.loaders.organisation.load(hit.id)) ?? null : null;
  }

  @Query(() => [SearchHit], {
    nullable: true,
    description: 'One search box over organisations, instruments, legal bases and places: Dutch full text, accent-insensitive and tolerant of typos, best first.',
  })
  async search(
    @Arg('query', () => String) query: string,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 20, description: 'At most this many hits (1 to 100).' }) limit: number,
    @Ctx() ctx: Ctx,
  ): Promise<SearchHit[]> {
    const text = query.trim();
    if (text.length < 2) throw badInput('Typ minstens twee tekens om te zoeken.', { argument: 'query', reason: 'TOO_SHORT', min: 2 });
    if (text.length > 200) throw badInput('A search is at most 200 characters.', { argument: 'query' });
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badInput('limit moet tussen 1 en 100 liggen.', { argument: 'limit', reason: 'OUT_OF_RANGE', min: 1, max: 100 });
    const rows: Array<{ type: SearchHitType; id: string; label: string; score: number }> = await ctx.db.query(
      `WITH q AS (SELECT websearch_to_tsquery('partners.dutch_unaccent', $3) AS tsq, partners.search_key($1) AS key)
       SELECT d.type, d.id, d.label,
              -- Whole-word matches first, then by closeness of the label; typo matches after.
              (d.tsv @@ q.tsq)::int + ts_rank(d.tsv, q.tsq) + public.similarity(d.label_key, q.key) + public.word_similarity(q.key, d.label_key) / 2 AS score
         FROM partners.search_document d, q
        WHERE d.tsv @@ q.tsq OR d.label_key OPERATOR(public.%) q.key OR public.word_similarity(q.key, d.label_key) > 0.6
        ORDER BY score DESC, d.label LIMIT $2`,
      [text, limit, fullTextQuery(text)],
    );
    return rows.map((r) => ({
      ...r,
      score: Number(r.score),
      instrument: r.type === SearchHitType.INSTRUMENT ? { id: r.id } : null,
      legalBasis: r.type === SearchHitType.LEGAL_BASIS ? { id: r.id } : null,
      municipality: r.type === SearchHitType.MUNICIPALITY ? { nis: r.id } : null,
    }));
  }
}
