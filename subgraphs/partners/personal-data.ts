import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { ScopeCheck } from '../_shared/auth/shield';
import { Connection, type ConnectionShape, page } from '../_shared/connection';
import { DateScalar, DateTimeScalar } from '../_shared/graphql-types';
import type { SubgraphContext } from '../_shared/subgraph';
import { auditEntriesSince } from '../_shared/journal/audit-entry';
import { isValidOn, toIsoDate, today } from '../../core/dates';
import { AuditEntry as AuditEntryType, type AuditEntry } from '../_shared/journal/audit-entry';
import { auditEntry } from '../_shared/journal/journal';
import { Agreement } from './entities/agreement';
import { Post } from './entities/post';
import { PostHolder } from './entities/post-holder';
import type { PartnersLoaders } from './loaders';

type Ctx = SubgraphContext<PartnersLoaders>;

export const AuditEntryConnection = Connection(AuditEntryType, 'AuditEntry');

@Resolver(() => Post)
export class PostHoldersResolver {
  @FieldResolver(() => [PostHolder], {
    nullable: true,
    description: 'Who holds the post on the date, with direct contacts. Personal data: admins, the post\'s own organisation, partners holding an agreement in force with it (both sides confirmed) and the local government of the territory only; every read is audited.',
  })
  async holders(@Root() post: Post, @Arg('on', () => DateScalar, { nullable: true }) on: Date | null, @Ctx() ctx: Ctx) {
    const date = toIsoDate(on);
    const holders = (await ctx.loaders.holdersOfPost.load(post.id)).filter((h) => isValidOn(h, date));
    if (holders.length) await auditEntry(ctx.db, 'partners', ctx, 'READ_PERSONAL_DATA', `Post.holders:${post.id}`, { holders: holders.map((h) => h.id) });
    return holders;
  }
}

@Resolver(() => Agreement)
export class AgreementTextResolver {
  @FieldResolver(() => String, { nullable: true, description: 'The text of the agreement, for its parties and admins; null where the registry has no text.' })
  async text(@Root() agreement: Agreement, @Ctx() ctx: Ctx) {
    if (agreement.text) await auditEntry(ctx.db, 'partners', ctx, 'READ_RESTRICTED_DOCUMENT', `Agreement.text:${agreement.id}`);
    return agreement.text ?? null;
  }
}

const INSTRUMENTS_AUDIT = `query Audit($since: DateTime) {
  instrumentsAuditLog(since: $since) { seq at subject role organisation action target requestId details service }
}`;

@Resolver()
export class AuditLogResolver {
  @Query(() => AuditEntryConnection, { nullable: true, description: 'The audit trail of the registry (this subgraph\'s and the instruments subgraph\'s), newest first (admins only).' })
  async auditLog(
    @Arg('since', () => DateTimeScalar, { nullable: true }) since: Date | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Ctx,
  ): Promise<ConnectionShape<AuditEntry>> {
    // The trail holds personal data: reading it is recorded before anything of it is returned.
    await auditEntry(ctx.db, 'partners', ctx, 'READ_AUDIT_LOG', 'Query.auditLog', { since: since?.toISOString() ?? null, first, after });
    const [own, remote] = await Promise.all([
      auditEntriesSince(ctx.db, 'partners', since),
      ctx.peers.request<{ instrumentsAuditLog: AuditEntry[] }>('instruments', ctx.identity, ctx.requestId, INSTRUMENTS_AUDIT, { since }),
    ]);
    const all = [...own, ...remote.instrumentsAuditLog.map((e) => ({ ...e, at: new Date(e.at) }))];
    return page(all.sort((a, b) => b.at.getTime() - a.at.getTime() || Number(b.seq) - Number(a.seq)), first, after);
  }
}

/**
 * Do the caller's organisation and this one hold, both of them, an agreement in force today? Both must be
 * confirmed parties (a party someone else named is pending and grants nothing), and the agreement must be in
 * force on the date of the read: started on a known date, not ended. An agreement whose start is unknown grants
 * nothing (unknown is not yes), and ending an agreement ends the access. The `on` of the question does not
 * widen this: what may be read is decided by the relation as it is now.
 */
async function sharesAgreementInForce(ctx: Ctx, organisationId: string): Promise<boolean> {
  if (!ctx.identity.org) return false;
  const [row] = await ctx.db.query(
    `SELECT 1 FROM partners.agreement_party a
       JOIN partners.agreement_party b ON b.agreement_id = a.agreement_id
       JOIN partners.agreement g ON g.id = a.agreement_id
      WHERE a.organisation_id = $1 AND a.confirmation = 'CONFIRMED'
        AND b.organisation_id = $2 AND b.confirmation = 'CONFIRMED'
        AND g.valid_from IS NOT NULL AND g.valid_from <= $3::date AND (g.valid_to IS NULL OR g.valid_to > $3::date)
      LIMIT 1`,
    [ctx.identity.org, organisationId, today()],
  );
  return Boolean(row);
}

/** Does the organisation serve one of the caller's municipalities? */
async function servesCallersTerritory(ctx: Ctx, organisationId: string): Promise<boolean> {
  if (!ctx.identity.municipalities?.length) return false;
  const [row] = await ctx.db.query(
    'SELECT 1 FROM partners.organisation_municipality WHERE organisation_id = $1 AND municipality_nis = ANY($2) LIMIT 1',
    [organisationId, ctx.identity.municipalities],
  );
  return Boolean(row);
}

/** The checks on the data behind the scoped rules in permissions.ts. */
export const partnersScopeChecks: Record<string, ScopeCheck> = {
  'Post.holders': (post: Post, ctx) => {
    // A post of every organisation of a kind has no holders of its own.
    if (!post.organisationId) return false;
    if (ctx.identity.role === 'EDITOR') return ctx.identity.org === post.organisationId;
    if (ctx.identity.role === 'PARTNER') return ctx.identity.org === post.organisationId || sharesAgreementInForce(ctx as Ctx, post.organisationId);
    return ctx.identity.role === 'LOCAL_GOVERNMENT' && servesCallersTerritory(ctx as Ctx, post.organisationId);
  },
  // A party's own copy of its agreement: also before it starts and after it ended, but only once the party has
  // confirmed it, so that naming an organisation does not hand it the other parties' text.
  'Agreement.text': async (agreement: Agreement, ctx) => {
    if (!ctx.identity.org) return false;
    const [row] = await (ctx as Ctx).db.query(
      "SELECT 1 FROM partners.agreement_party WHERE agreement_id = $1 AND organisation_id = $2 AND confirmation = 'CONFIRMED' LIMIT 1",
      [agreement.id, ctx.identity.org],
    );
    return Boolean(row);
  },
};
