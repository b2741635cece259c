import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { In } from 'typeorm';
import { badInput, notFound } from '../../../core/errors';
import { today } from '../../../core/dates';
import { mustOwn } from '../../_shared/editing/write';
import type { SubgraphContext } from '../../_shared/subgraph';
import { AgreementParty, Agreement } from '../entities/agreement';
import { Organisation, OrganisationMunicipality } from '../entities/organisation';
import { Post } from '../entities/post';
import { Site } from '../entities/site';
import type { PartnersLoaders } from '../loaders';
import { type GapInput, type HolderTerm, municipalityGaps, recordGaps } from './record-gaps';
import { type MunicipalityRow, kindTotals, municipalityCoverage } from './totals';
import { RegistryGapReport } from './types';

type Ctx = SubgraphContext<PartnersLoaders>;

/** No record is older than a century (as staleRecords). */
const MAX_FRESHNESS_DAYS = 36_500;

const MUNICIPALITIES = `query GapMunicipalities { municipalities(first: 500) { nodes { nis name region unsettledAreas { kind note } } } }`;

function daysBefore(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

@Resolver()
export class RegistryGapsResolver {
  @Query(() => RegistryGapReport, {
    nullable: true,
    description:
      'What the registry does not know or has not confirmed, per record, with totals per organisation kind and per municipality ' +
      '(admins: everything, or one organisation; editors: their own organisation only).',
  })
  async registryGaps(
    @Arg('organisationId', () => ID, { nullable: true, description: 'Limit the report to one organisation\'s records (an editor: their own, the default).' }) organisationId: string | null,
    @Arg('freshnessDays', () => Int, { defaultValue: 365, description: 'A record not confirmed for longer than this many days is NOT_CONFIRMED_RECENTLY.' }) freshnessDays: number,
    @Ctx() ctx: Ctx,
  ): Promise<RegistryGapReport> {
    // Scope first, as with every write: another organisation's report is refused before anything about it is read.
    const scope = ctx.identity.role === 'ADMIN' ? organisationId : (organisationId ?? ctx.identity.org ?? null);
    if (ctx.identity.role !== 'ADMIN') mustOwn(ctx.identity, scope ? [scope] : [], `the gap report of organisation "${scope ?? ''}"`);
    if (!Number.isInteger(freshnessDays) || freshnessDays < 0 || freshnessDays > MAX_FRESHNESS_DAYS) {
      throw badInput(`freshnessDays moet tussen 0 en ${MAX_FRESHNESS_DAYS} dagen (100 jaar) liggen; kreeg ${freshnessDays}.`, {
        argument: 'freshnessDays', min: 0, max: MAX_FRESHNESS_DAYS,
      });
    }
    const db = ctx.db;
    const organisations = await db.getRepository(Organisation).find({ where: scope ? { id: scope } : {}, order: { id: 'ASC' } });
    if (scope && !organisations.length) throw notFound(`Geen organisatie met id "${scope}".`, { type: 'ORGANISATION', id: scope, argument: 'organisationId' });

    const day = today();
    const partyRows = await db.getRepository(AgreementParty).find({ where: scope ? { organisationId: scope } : {}, order: { agreementId: 'ASC', position: 'ASC' } });
    const agreementIds = [...new Set(partyRows.map((p) => p.agreementId))];
    const agreements = await db.getRepository(Agreement).find({ where: scope ? { id: In(agreementIds) } : {}, order: { id: 'ASC' } });
    const allParties = scope && agreementIds.length
      ? await db.getRepository(AgreementParty).find({ where: { agreementId: In(agreementIds) }, order: { position: 'ASC' } })
      : partyRows;
    const posts = await db.getRepository(Post).find({ where: scope ? { organisationId: scope } : {}, order: { id: 'ASC' } });
    // Only the terms of the holders, never who they are: the report counts posts without a holder.
    const holders: HolderTerm[] = (
      await db.query(
        `SELECT post_id, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to
           FROM partners.post_holder WHERE post_id = ANY($1)`,
        [posts.map((p) => p.id)],
      )
    ).map((h: { post_id: string; valid_from: string | null; valid_to: string | null }) => ({ postId: h.post_id, validFrom: h.valid_from, validTo: h.valid_to }));
    const input: GapInput = {
      today: day,
      confirmedSince: daysBefore(day, freshnessDays),
      freshnessDays,
      organisations,
      sites: await db.getRepository(Site).find({ where: scope ? { organisationId: scope } : {}, order: { id: 'ASC' } }),
      posts,
      agreements: agreements.map((a) => ({
        ...a,
        partyIds: [...new Set(allParties.filter((p) => p.agreementId === a.id && p.organisationId).map((p) => p.organisationId!))],
      })),
      holders,
    };

    const serving = await db.getRepository(OrganisationMunicipality).find({ where: scope ? { organisationId: scope } : {} });
    const { municipalities: answer } = await ctx.peers.request<{ municipalities: { nodes: MunicipalityRow[] } }>('territory', ctx.identity, ctx.requestId, MUNICIPALITIES, {});
    const municipalities = answer.nodes;
    const only = scope ? { kind: organisations[0].kind, municipalities: new Set(serving.map((s) => s.municipalityNis)) } : undefined;
    const coverage = municipalityCoverage(input, municipalities, serving, only);

    const records = recordGaps(input).map((r) => (scope ? { ...r, organisationId: scope } : r));
    return {
      organisationId: scope,
      freshnessDays,
      confirmedSince: input.confirmedSince,
      // The registry's own unsettled areas are no organisation's: only the whole registry's report has them.
      records: scope ? records : [...records, ...municipalityGaps(municipalities)],
      totals: kindTotals(input),
      municipalities: coverage.rows,
      municipalityTotals: coverage.totals,
    };
  }
}
