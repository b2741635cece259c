import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { isoDateOrNull, startAsGiven } from '../../_shared/editing/inputs';
import { InputProblems } from '../../_shared/editing/problems';
import { changeRecord, createRecord, endRecord, refuseUnlessOwned } from '../../_shared/editing/record-writes';
import { checkMunicipality } from '../../_shared/editing/references';
import { applyChanges, mustOwn } from '../../_shared/editing/write';
import { toIsoDate } from '../../../core/dates';
import { Post } from '../entities/post';
import { PostHolder } from '../entities/post-holder';
import type { SubgraphContext } from '../../_shared/subgraph';
import type { PartnersLoaders } from '../loaders';

type Ctx = SubgraphContext<PartnersLoaders>;
import { checkedDates, endArgs, idFrom, versionArg } from './arguments';
import { NewPostHolderInput, NewPostInput, PostChanges, PostHolderChanges } from './inputs';
import { postHolderSpec, postSpec } from './specs';
import { checkEmail, checkNoOverlappingHolder, checkOrganisationExists, checkPhone, checkPostExists, sourcesOf } from './validate';

/**
 * Writes of posts (functions, public) and of who holds them (personal data: the results are for the post's
 * editors and admins, and every write is audited with before and after). A post's municipality is checked with
 * the territory subgraph.
 */
@Resolver()
export class PostMutations {
  @Mutation(() => Post, { nullable: true, description: 'Creates a post (a function) of an organisation (its editors, admins).' })
  async createPost(@Arg('input', () => NewPostInput) input: NewPostInput, @Ctx() ctx: Ctx): Promise<Post> {
    mustOwn(ctx.identity, [input.organisationId], `a post of organisation "${input.organisationId}"`);
    const problems = new InputProblems();
    problems.requireText(input.title, 'input.title');
    await checkOrganisationExists(ctx.db, problems, input.organisationId, 'input.organisationId');
    await checkMunicipality(ctx, problems, input.municipalityNis, 'input.municipalityNis');
    const sources = sourcesOf(problems, input.sources, 'input.sources')!;
    const record = {
      id: input.id ?? idFrom(`${input.organisationId}-${input.title ?? ''}`), organisationId: input.organisationId, function: input.function, title: input.title?.trim(),
      phenomena: input.phenomena ?? [], municipalityNis: input.municipalityNis ?? null, ...startAsGiven(problems, input, 'input', true), validTo: null,
      unconfirmed: input.unconfirmed ?? [], note: input.note ?? null, sources,
    } as Post;
    problems.throwIfAny();
    return createRecord(ctx, postSpec, record);
  }

  @Mutation(() => Post, { nullable: true, description: 'Changes a post (its organisation\'s editors, admins).' })
  async updatePost(@Arg('id', () => ID) id: string, @versionArg() version: number, @Arg('changes', () => PostChanges) changes: PostChanges, @Ctx() ctx: Ctx): Promise<Post> {
    await refuseUnlessOwned(ctx, postSpec, id);
    const problems = new InputProblems();
    if (changes.title !== undefined) problems.requireText(changes.title, 'changes.title');
    await checkMunicipality(ctx, problems, changes.municipalityNis, 'changes.municipalityNis');
    const sources = sourcesOf(problems, changes.sources, 'changes.sources');
    const start = startAsGiven(problems, changes, 'changes');
    problems.throwIfAny();
    return changeRecord(ctx, postSpec, id, version, (current) =>
      checkedDates(
        applyChanges(current, {
          function: changes.function, title: changes.title?.trim(), phenomena: changes.phenomena, municipalityNis: changes.municipalityNis,
          ...start, note: changes.note, unconfirmed: changes.unconfirmed, sources,
        }),
        'changes',
      ),
    );
  }

  @Mutation(() => Post, { nullable: true, description: 'Ends a post on a date; it stays queryable for earlier dates.' })
  endPost(@Arg('id', () => ID) id: string, @versionArg() version: number, @endArgs.validTo() validTo: Date, @endArgs.note() note: string | null, @Ctx() ctx: Ctx) {
    return endRecord(ctx, postSpec, id, version, toIsoDate(validTo), note);
  }

  @Mutation(() => PostHolder, { nullable: true, description: 'Records who holds a post from a date (personal data; audited).' })
  async appointPostHolder(@Arg('input', () => NewPostHolderInput) input: NewPostHolderInput, @Ctx() ctx: Ctx): Promise<PostHolder> {
    // Before any check: the overlap check would tell whether another organisation's post has a holder, and when.
    // Posts are public, so an unknown post is reported with the other problems below.
    const post = await ctx.db.getRepository(Post).findOne({ where: { id: input.postId }, select: { organisationId: true } });
    if (post) mustOwn(ctx.identity, post.organisationId ? [post.organisationId] : [], `post "${input.postId}"`);
    const problems = new InputProblems();
    problems.requireText(input.personName, 'input.personName');
    checkEmail(problems, input.email, 'input.email');
    checkPhone(problems, input.phone, 'input.phone');
    await checkPostExists(ctx.db, problems, input.postId, 'input.postId');
    const record = {
      id: randomUUID(), postId: input.postId, personName: input.personName?.trim(), email: input.email ?? null, phone: input.phone ?? null,
      validFrom: isoDateOrNull(input.validFrom) ?? null, validTo: null, fictional: input.fictional ?? false, sources: sourcesOf(problems, input.sources, 'input.sources') ?? [],
    } as PostHolder;
    problems.throwIfAny();
    // The overlap is judged inside the write's transaction, against the holders as they are then.
    return createRecord(ctx, postHolderSpec, record, (holder, tx) => noOverlappingHolder(tx, holder, 'input.validFrom'));
  }

  @Mutation(() => PostHolder, { nullable: true, description: 'Corrects who holds a post or their contacts (personal data; audited).' })
  async updatePostHolder(@Arg('id', () => ID) id: string, @versionArg() version: number, @Arg('changes', () => PostHolderChanges) changes: PostHolderChanges, @Ctx() ctx: Ctx) {
    await refuseUnlessOwned(ctx, postHolderSpec, id);
    const problems = new InputProblems();
    if (changes.personName !== undefined) problems.requireText(changes.personName, 'changes.personName');
    checkEmail(problems, changes.email, 'changes.email');
    checkPhone(problems, changes.phone, 'changes.phone');
    problems.throwIfAny();
    return changeRecord(ctx, postHolderSpec, id, version, async (current, tx) => {
      const next = checkedDates(applyChanges(current, { personName: changes.personName?.trim(), email: changes.email, phone: changes.phone, validFrom: isoDateOrNull(changes.validFrom) }), 'changes');
      await noOverlappingHolder(tx, next, 'changes.validFrom');
      return next;
    });
  }

  @Mutation(() => PostHolder, { nullable: true, description: 'Ends a holder\'s term on a date (personal data; audited).' })
  endPostHolder(@Arg('id', () => ID) id: string, @versionArg() version: number, @endArgs.validTo() validTo: Date, @Ctx() ctx: Ctx) {
    return endRecord(ctx, postHolderSpec, id, version, toIsoDate(validTo));
  }
}

async function noOverlappingHolder(tx: EntityManager, holder: PostHolder, field: string): Promise<void> {
  const problems = new InputProblems();
  await checkNoOverlappingHolder(tx, problems, holder, field);
  problems.throwIfAny();
}
