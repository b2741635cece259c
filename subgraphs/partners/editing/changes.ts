import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { ErrorCode, badInput } from '../../../core/errors';
import { changesSince, compareChanges } from '../../_shared/journal/feed';
import { type Change, ChangeFeed, RecordType } from '../../_shared/journal/types';
import { DateTimeScalar } from '../../_shared/graphql-types';
import type { SubgraphContext } from '../../_shared/subgraph';

const INSTRUMENT_CHANGES = `query Changes($since: DateTime!, $after: String, $first: Int!) {
  instrumentChanges(since: $since, after: $after, first: $first) { type id version action at organisationIds cursor }
}`;

const MAX_PAGE = 500;

/**
 * What was created, changed or ended since a moment, across the registry: this subgraph's journal merged with
 * the instruments subgraph's, in the order the writes committed. Frontends and researchers sync from it instead
 * of reloading everything. Who holds a post is personal data: those changes are in the feed for admins only.
 */
@Resolver()
export class ChangeFeedResolver {
  @Query(() => ChangeFeed, { nullable: true, description: 'Changes since a moment, oldest first, a page at a time (default 100, at most 500).' })
  async changes(
    @Arg('since', () => DateTimeScalar) since: Date,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after: string | null,
    @Ctx() ctx: SubgraphContext<unknown>,
  ): Promise<ChangeFeed> {
    const limit = first ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw badInput(`first moet tussen 1 en ${MAX_PAGE} liggen.`, { field: 'first', reason: 'OUT_OF_RANGE', min: 1, max: MAX_PAGE });
    const hidden = ctx.identity.role === 'ADMIN' ? [] : [RecordType.POST_HOLDER];
    const [own, remote] = await Promise.all([
      changesSince(ctx.db, 'partners', { since, after, limit: limit + 1, hidden }),
      ctx.peers
        .request<{ instrumentChanges: Change[] }>('instruments', ctx.identity, ctx.requestId, INSTRUMENT_CHANGES, { since, after, first: limit + 1 })
        .then(
          (answer) => answer.instrumentChanges,
          (err: unknown) => {
            if (err instanceof GraphQLError && err.extensions.code === ErrorCode.UNAVAILABLE) return err;
            throw err;
          },
        ),
    ]);
    if (remote instanceof GraphQLError) {
      // What this subgraph has, but not past the point where the missing part's changes could sit: a consumer
      // that follows endCursor must never skip them.
      const { service, reason } = remote.extensions as { service: string; reason: string };
      ctx.log.warn({ service, reason }, 'change feed served without the instruments part');
      return { changes: own.slice(0, limit), hasMore: false, endCursor: after, unavailable: [{ service, reason, message: remote.message }] };
    }
    const merged = [...own, ...remote.map((c) => ({ ...c, at: new Date(c.at) }))].sort(compareChanges);
    const page = merged.slice(0, limit);
    return { changes: page, hasMore: merged.length > limit, endCursor: page.at(-1)?.cursor ?? after, unavailable: [] };
  }
}
