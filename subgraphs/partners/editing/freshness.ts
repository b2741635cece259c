import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { confirmRecord } from '../../_shared/editing/record-writes';
import { badInput } from '../../../core/errors';
import { staleIn } from '../../_shared/journal/feed';
import { RecordType, StaleRecord } from '../../_shared/journal/types';
import type { SubgraphContext } from '../../_shared/subgraph';
import { today } from '../../../core/dates';
import { Agreement } from '../entities/agreement';
import { Organisation } from '../entities/organisation';
import { Post } from '../entities/post';
import { PostHolder } from '../entities/post-holder';
import { Site } from '../entities/site';
import type { PartnersLoaders } from '../loaders';
import { agreementSpec, organisationSpec, postHolderSpec, postSpec, siteSpec } from './specs';

type Ctx = SubgraphContext<PartnersLoaders>;

@ObjectType({ description: 'The records of one organisation that nobody confirmed for longer than the period asked for.' })
export class OrganisationStaleRecords {
  @Field(() => Organisation, { nullable: true, description: 'Null for records no organisation is named for (an agreement between kinds of partner).' })
  organisation: Organisation | null;

  @Field(() => [StaleRecord])
  records: StaleRecord[];
}

/** How the freshness of each partners table is read: label, owners, the sources whose `seen` dates count. */
const TABLES = [
  {
    type: RecordType.ORGANISATION, table: 'partners.organisation', label: 'r.name', owners: 'ARRAY[r.id]',
    sources: `r.sources || COALESCE((SELECT jsonb_agg(x) FROM jsonb_array_elements(r.contact_points) c, jsonb_array_elements(c->'sources') x), '[]'::jsonb)`,
  },
  { type: RecordType.SITE, table: 'partners.site', label: 'r.name', owners: 'ARRAY[r.organisation_id]', sources: 'r.sources' },
  { type: RecordType.POST, table: 'partners.post', label: 'r.title', owners: 'ARRAY[r.organisation_id]', sources: 'r.sources' },
  {
    type: RecordType.POST_HOLDER, table: 'partners.post_holder', label: `'holder of ' || (SELECT p.title FROM partners.post p WHERE p.id = r.post_id)`,
    owners: 'ARRAY(SELECT p.organisation_id FROM partners.post p WHERE p.id = r.post_id)', sources: 'r.sources',
  },
  {
    type: RecordType.AGREEMENT, table: 'partners.agreement', label: 'r.title',
    owners: 'ARRAY(SELECT p.organisation_id FROM partners.agreement_party p WHERE p.agreement_id = r.id AND p.organisation_id IS NOT NULL ORDER BY p.position)',
    sources: 'r.sources',
  },
];

const INSTRUMENTS_STALE = `query Stale($before: Date!, $organisationId: ID) {
  staleInstruments(before: $before, organisationId: $organisationId) { type id label organisationIds lastConfirmed }
}`;

/** No record is older than a century; beyond that the date before today would not even be a date (year < 0). */
const MAX_STALE_DAYS = 36_500;

/** The date `days` before today, in Belgium. */
function daysBefore(days: number): string {
  const date = new Date(`${today()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

@Resolver()
export class FreshnessResolver {
  @Mutation(() => Organisation, { nullable: true, description: 'Confirms that an organisation\'s record is still true, without changing it.' })
  confirmOrganisation(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return confirmRecord(ctx, organisationSpec, id, today());
  }

  @Mutation(() => Post, { nullable: true, description: 'Confirms that a post is still as recorded, without changing it.' })
  confirmPost(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return confirmRecord(ctx, postSpec, id, today());
  }

  @Mutation(() => PostHolder, { nullable: true, description: 'Confirms who holds a post, without changing it.' })
  confirmPostHolder(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return confirmRecord(ctx, postHolderSpec, id, today());
  }

  @Mutation(() => Site, { nullable: true, description: 'Confirms that a site (main location, antenne) is still as recorded, without changing it.' })
  confirmSite(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return confirmRecord(ctx, siteSpec, id, today());
  }

  @Mutation(() => Agreement, { nullable: true, description: 'Confirms that an agreement or protocol is still as recorded, without changing it.' })
  confirmAgreement(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return confirmRecord(ctx, agreementSpec, id, today());
  }

  @Query(() => [OrganisationStaleRecords], {
    nullable: true,
    description: 'Current records not confirmed for longer than `olderThanDays`, per organisation, across the registry (admins).',
  })
  async staleRecords(
    @Arg('olderThanDays', () => Int) olderThanDays: number,
    @Arg('organisationId', () => ID, { nullable: true }) organisationId: string | null,
    @Ctx() ctx: Ctx,
  ): Promise<OrganisationStaleRecords[]> {
    if (!Number.isInteger(olderThanDays) || olderThanDays < 0 || olderThanDays > MAX_STALE_DAYS) {
      throw badInput(`olderThanDays moet tussen 0 en ${MAX_STALE_DAYS} dagen (100 jaar) liggen; kreeg ${olderThanDays}.`, {
        argument: 'olderThanDays',
        field: 'olderThanDays',
        min: 0,
        max: MAX_STALE_DAYS,
      });
    }
    const before = daysBefore(olderThanDays);
    const own = await Promise.all(TABLES.map((spec) => staleIn(ctx.db, spec, before, organisationId)));
    const { staleInstruments } = await ctx.peers.request<{ staleInstruments: StaleRecord[] }>('instruments', ctx.identity, ctx.requestId, INSTRUMENTS_STALE, { before, organisationId });
    const groups = new Map<string, StaleRecord[]>();
    for (const record of [...own.flat(), ...staleInstruments]) {
      const owners = record.organisationIds.length ? record.organisationIds : [''];
      for (const owner of owners) if (!organisationId || owner === organisationId) groups.set(owner, [...(groups.get(owner) ?? []), record]);
    }
    const ids = [...groups.keys()].sort();
    const organisations = await ctx.loaders.organisation.loadMany(ids.filter(Boolean));
    const byId = new Map(organisations.filter((o): o is Organisation => Boolean(o) && !(o instanceof Error)).map((o) => [o.id, o]));
    return ids.map((id) => ({ organisation: byId.get(id) ?? null, records: groups.get(id)! }));
  }
}
