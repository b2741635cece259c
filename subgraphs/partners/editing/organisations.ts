import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { startAsGiven, toTerritoryRefs } from '../../_shared/editing/inputs';
import { InputProblems } from '../../_shared/editing/problems';
import { changeRecord, createRecord, endRecord, refuseUnlessOwned } from '../../_shared/editing/record-writes';
import { expandTerritory } from '../../_shared/editing/references';
import { applyChanges } from '../../_shared/editing/write';
import { toIsoDate } from '../../../core/dates';
import { Organisation } from '../entities/organisation';
import type { SubgraphContext } from '../../_shared/subgraph';
import type { PartnersLoaders } from '../loaders';

type Ctx = SubgraphContext<PartnersLoaders>;
import { checkedDates, endArgs, idFrom, versionArg } from './arguments';
import { NewOrganisationInput, OrganisationChanges } from './inputs';
import { type OrganisationDraft, organisationSpec } from './specs';
import { checkIdentifiers, checkNoParentCycle, checkOrganisationExists, contactPointsOf, sourcesOf } from './validate';

/**
 * Writes of organisations, their territory and contact points. Each validates its whole input first (the
 * territory is checked and expanded by the territory subgraph), then writes in one transaction with its journal.
 */
@Resolver()
export class OrganisationMutations {
  @Mutation(() => Organisation, { nullable: true, description: 'Registers an organisation (admins).' })
  async createOrganisation(@Arg('input', () => NewOrganisationInput) input: NewOrganisationInput, @Ctx() ctx: Ctx): Promise<Organisation> {
    const problems = new InputProblems();
    problems.requireText(input.name, 'input.name');
    checkIdentifiers(problems, input, 'input');
    const id = input.id ?? idFrom(input.name ?? '');
    const contactPoints = contactPointsOf(problems, input.contactPoints ?? [], 'input.contactPoints');
    const sources = sourcesOf(problems, input.sources, 'input.sources')!;
    const serves = toTerritoryRefs(input.serves);
    const municipalities = await expandTerritory(ctx, problems, serves, 'input.serves');
    await checkOrganisationExists(ctx.db, problems, input.parentId, 'input.parentId');
    const record = {
      id, name: input.name.trim(), kind: input.kind, level: input.level, kbo: input.kbo ?? null, ovo: input.ovo ?? null, parentId: input.parentId ?? null,
      serves, contactPoints, ...startAsGiven(problems, input, 'input', true), validTo: null, unconfirmed: input.unconfirmed ?? [], note: input.note ?? null, sources,
      municipalities,
    } as OrganisationDraft;
    problems.throwIfAny();
    return createRecord(ctx, organisationSpec, record);
  }

  @Mutation(() => Organisation, { nullable: true, description: 'Changes an organisation, its territory or its contact points (its editors, admins).' })
  async updateOrganisation(
    @Arg('id', () => ID) id: string,
    @versionArg() version: number,
    @Arg('changes', () => OrganisationChanges) changes: OrganisationChanges,
    @Ctx() ctx: Ctx,
  ): Promise<Organisation> {
    await refuseUnlessOwned(ctx, organisationSpec, id);
    const problems = new InputProblems();
    if (changes.name !== undefined) problems.requireText(changes.name, 'changes.name');
    checkIdentifiers(problems, changes, 'changes');
    const contactPoints = changes.contactPoints && contactPointsOf(problems, changes.contactPoints, 'changes.contactPoints');
    const sources = sourcesOf(problems, changes.sources, 'changes.sources');
    const serves = changes.serves && toTerritoryRefs(changes.serves);
    const municipalities = serves && (await expandTerritory(ctx, problems, serves, 'changes.serves'));
    await checkOrganisationExists(ctx.db, problems, changes.parentId, 'changes.parentId');
    await checkNoParentCycle(ctx.db, problems, id, changes.parentId, 'changes.parentId');
    const start = startAsGiven(problems, changes, 'changes');
    problems.throwIfAny();
    return changeRecord(ctx, organisationSpec, id, version, (current) => {
      const next = applyChanges(current, {
        name: changes.name?.trim(), kind: changes.kind, level: changes.level, kbo: changes.kbo, ovo: changes.ovo, parentId: changes.parentId,
        serves, contactPoints, ...start, note: changes.note, unconfirmed: changes.unconfirmed, sources, municipalities,
      });
      return checkedDates(next, 'changes');
    });
  }

  @Mutation(() => Organisation, { nullable: true, description: 'Ends an organisation on a date; it stays queryable for earlier dates.' })
  endOrganisation(@Arg('id', () => ID) id: string, @versionArg() version: number, @endArgs.validTo() validTo: Date, @endArgs.note() note: string | null, @Ctx() ctx: Ctx) {
    return endRecord(ctx, organisationSpec, id, version, toIsoDate(validTo), note);
  }
}
