import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { startAsGiven } from '../../_shared/editing/inputs';
import { InputProblems } from '../../_shared/editing/problems';
import { changeRecord, createRecord, endRecord, refuseUnlessOwned } from '../../_shared/editing/record-writes';
import { checkMunicipality } from '../../_shared/editing/references';
import { applyChanges, mustOwn } from '../../_shared/editing/write';
import { toIsoDate } from '../../../core/dates';
import { Site } from '../entities/site';
import type { SubgraphContext } from '../../_shared/subgraph';
import type { PartnersLoaders } from '../loaders';
import { checkedDates, endArgs, idFrom, versionArg } from './arguments';
import { NewSiteInput, SiteChanges } from './inputs';
import { siteSpec } from './specs';
import { checkOrganisationExists, sourcesOf } from './validate';

type Ctx = SubgraphContext<PartnersLoaders>;

/**
 * Writes of sites: an organisation's main locations and antennes. No public source names an antenne, so the
 * services add them themselves; like every write, through the one write path (scope, versions, history, audit,
 * change feed). A site stays with its organisation: moving it to another would let an editor give a record away.
 */
@Resolver()
export class SiteMutations {
  @Mutation(() => Site, { nullable: true, description: 'Adds a main location or an antenne of an organisation (its editors, admins).' })
  async createSite(@Arg('input', () => NewSiteInput) input: NewSiteInput, @Ctx() ctx: Ctx): Promise<Site> {
    mustOwn(ctx.identity, [input.organisationId], `a site of organisation "${input.organisationId}"`);
    const problems = new InputProblems();
    problems.requireText(input.name, 'input.name');
    await checkOrganisationExists(ctx.db, problems, input.organisationId, 'input.organisationId');
    if (!input.municipalityNis) problems.add('input.municipalityNis', 'REQUIRED', 'is verplicht: de gemeente waar de vestiging ligt');
    await checkMunicipality(ctx, problems, input.municipalityNis, 'input.municipalityNis');
    const sources = sourcesOf(problems, input.sources, 'input.sources')!;
    const record = {
      id: input.id ?? idFrom(`${input.organisationId}-${input.name ?? ''}`), organisationId: input.organisationId, kind: input.kind, name: input.name?.trim(),
      municipalityNis: input.municipalityNis, ...startAsGiven(problems, input, 'input', true), validTo: null, unconfirmed: input.unconfirmed ?? [],
      note: input.note ?? null, sources,
    } as Site;
    problems.throwIfAny();
    return createRecord(ctx, siteSpec, record);
  }

  @Mutation(() => Site, { nullable: true, description: 'Changes a site (its organisation\'s editors, admins).' })
  async updateSite(@Arg('id', () => ID) id: string, @versionArg() version: number, @Arg('changes', () => SiteChanges) changes: SiteChanges, @Ctx() ctx: Ctx): Promise<Site> {
    await refuseUnlessOwned(ctx, siteSpec, id);
    const problems = new InputProblems();
    if (changes.name !== undefined) problems.requireText(changes.name, 'changes.name');
    if (changes.municipalityNis === null) problems.add('changes.municipalityNis', 'REQUIRED', 'kan niet leeggemaakt worden: een vestiging ligt ergens');
    await checkMunicipality(ctx, problems, changes.municipalityNis, 'changes.municipalityNis');
    const sources = sourcesOf(problems, changes.sources, 'changes.sources');
    const start = startAsGiven(problems, changes, 'changes');
    problems.throwIfAny();
    return changeRecord(ctx, siteSpec, id, version, (current) =>
      checkedDates(
        applyChanges(current, {
          kind: changes.kind, name: changes.name?.trim(), municipalityNis: changes.municipalityNis, ...start,
          note: changes.note, unconfirmed: changes.unconfirmed, sources,
        }),
        'changes',
      ),
    );
  }

  @Mutation(() => Site, { nullable: true, description: 'Ends a site on a date (no longer in use); it stays queryable for earlier dates.' })
  endSite(@Arg('id', () => ID) id: string, @versionArg() version: number, @endArgs.validTo() validTo: Date, @endArgs.note() note: string | null, @Ctx() ctx: Ctx) {
    return endRecord(ctx, siteSpec, id, version, toIsoDate(validTo), note);
  }
}
