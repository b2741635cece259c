import { Ctx, Query, Resolver } from 'type-graphql';
import { OrganisationKind } from '../_shared/enums';
import { type SubgraphContext, memoized } from '../_shared/subgraph';
import { throughShared } from '../_shared/shared-reads';
import { nameKey, slugify } from '../../core/text';
import { PartnerTerm, Phenomenon } from './entities/vocabulary';
import type { PartnersLoaders } from './loaders';

type Ctx = SubgraphContext<PartnersLoaders>;

export interface Vocabulary {
  phenomena: Phenomenon[];
  partnerTerms: PartnerTerm[];
  /** Word (as nameKey) → phenomenon: its id, label and synonyms. Maps, so "__proto__" finds nothing. */
  phenomenonByWord: Map<string, Phenomenon>;
  partnerTermByWord: Map<string, PartnerTerm>;
}

const wordsOf = (entry: { id: string; label: string; synonyms: string[] }) => [entry.id, entry.label, ...entry.synonyms].map(nameKey);

function index<T extends { id: string; label: string; synonyms: string[] }>(entries: T[]): Map<string, T> {
  return new Map(entries.flatMap((entry) => wordsOf(entry).map((word) => [word, entry] as const)));
}

/** The vocabularies, read once per request and kept across requests until the next write (they are small and change only with the seed). */
export function vocabulary(ctx: Ctx): Promise<Vocabulary> {
  return memoized(ctx, 'vocabulary', async () => {
    const [kept] = await throughShared(['all'], async () => [await readVocabulary(ctx)], ctx.reads.section('vocabulary'));
    return kept;
  });
}

async function readVocabulary(ctx: Ctx): Promise<Vocabulary> {
  const [phenomena, partnerTerms] = await Promise.all([
    ctx.db.getRepository(Phenomenon).find({ order: { label: 'ASC' } }),
    ctx.db.getRepository(PartnerTerm).find({ order: { label: 'ASC' } }),
  ]);
  return { phenomena, partnerTerms, phenomenonByWord: index(phenomena), partnerTermByWord: index(partnerTerms) };
}

/** The phenomenon a person's word names: its id, label or a synonym, in any case or spelling of spaces and hyphens. */
export function phenomenonOf(v: Vocabulary, word: string): Phenomenon | undefined {
  return v.phenomenonByWord.get(nameKey(word)) ?? v.phenomenonByWord.get(slugify(word));
}

/** The organisation kinds a person's word for a partner means: a term of the vocabulary, or a kind's own code. */
export function partnerKindsOf(v: Vocabulary, word: string): OrganisationKind[] | undefined {
  const term = v.partnerTermByWord.get(nameKey(word)) ?? v.partnerTermByWord.get(slugify(word));
  if (term) return term.kinds;
  const code = word.trim().toUpperCase();
  return (Object.values(OrganisationKind) as string[]).includes(code) ? [code as OrganisationKind] : undefined;
}

@Resolver()
export class VocabularyResolver {
  @Query(() => [Phenomenon], { description: 'The phenomena the registry knows, with their Dutch labels and the words that lead to them: what `whichProtocolApplies(phenomenon:)` accepts.' })
  async phenomena(@Ctx() ctx: Ctx) {
    return (await vocabulary(ctx)).phenomena;
  }

  @Query(() => [PartnerTerm], { description: 'The words for kinds of partner that `whichProtocolApplies(partners:)` accepts (besides organisation ids), and the kinds they mean.' })
  async partnerTerms(@Ctx() ctx: Ctx) {
    return (await vocabulary(ctx)).partnerTerms;
  }
}
