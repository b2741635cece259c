import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { isoDateOrNull, toTerritoryRefs } from '../../_shared/editing/inputs';
import { InputProblems } from '../../_shared/editing/problems';
import { changeRecord, createRecord, endRecord } from '../../_shared/editing/record-writes';
import { checkLegalBases, expandTerritory } from '../../_shared/editing/references';
import { applyChanges } from '../../_shared/editing/write';
import { toIsoDate } from '../../../core/dates';
import { Agreement } from '../entities/agreement';
import type { SubgraphContext } from '../../_shared/subgraph';
import type { PartnersLoaders } from '../loaders';

type Ctx = SubgraphContext<PartnersLoaders>;
import { checkedDates, endArgs, idFrom, versionArg } from './arguments';
import { AgreementChanges, NewAgreementInput } from './inputs';
import { type AgreementDraft, agreementSpec } from './specs';
import { checkAgreementExists, partiesOf, sourcesOf } from './validate';

/**
 * Writes of agreements and protocols: parties, territory (checked and expanded by the territory subgraph),
 * phenomena, legal bases (checked with the legal subgraph), forum, conditions, text and validity. Editors of any
 * named party may change one; an editor's own organisation must remain a party.
 */
@Resolver()
export class AgreementMutations {
  @Mutation(() => Agreement, { nullable: true, description: 'Registers an agreement or protocol with its parties, territory and legal bases (editors of a party, admins).' })
  async createAgreement(@Arg('input', () => NewAgreementInput) input: NewAgreementInput, @Ctx() ctx: Ctx): Promise<Agreement> {
    const problems = new InputProblems();
    problems.requireText(input.title, 'input.title');
    const sources = sourcesOf(problems, input.sources, 'input.sources')!;
    const parties = await partiesOf(ctx.db, problems, input.parties, sources, 'input.parties');
    const territory = toTerritoryRefs(input.territory);
    const municipalities = await expandTerritory(ctx, problems, territory, 'input.territory');
    await checkLegalBases(ctx, problems, input.legalBasisIds, 'input.legalBasisIds');
    await checkAgreementExists(ctx.db, problems, input.parentId, 'input.parentId');
    const record = {
      id: input.id ?? idFrom(input.title ?? ''), kind: input.kind, title: input.title?.trim(), parentId: input.parentId ?? null, territory, phenomena: input.phenomena ?? [],
      legalBasisIds: input.legalBasisIds ?? [], forum: input.forum ?? null, conditions: input.conditions ?? [], text: input.text ?? null,
      validFrom: isoDateOrNull(input.validFrom) ?? null, validTo: null, unconfirmed: input.unconfirmed ?? [], note: input.note ?? null, sources, parties, municipalities,
    } as AgreementDraft;
    problems.throwIfAny();
    return createRecord(ctx, agreementSpec, record);
  }

  @Mutation(() => Agreement, { nullable: true, description: 'Changes an agreement or protocol: parties, territory, phenomena, legal bases, forum, conditions, validity (editors of a party, admins).' })
  async updateAgreement(@Arg('id', () => ID) id: string, @versionArg() version: number, @Arg('changes', () => AgreementChanges) changes: AgreementChanges, @Ctx() ctx: Ctx): Promise<Agreement> {
    const problems = new InputProblems();
    if (changes.title !== undefined) problems.requireText(changes.title, 'changes.title');
    const sources = sourcesOf(problems, changes.sources, 'changes.sources');
    const territory = changes.territory && toTerritoryRefs(changes.territory);
    const municipalities = territory && (await expandTerritory(ctx, problems, territory, 'changes.territory'));
    await checkLegalBases(ctx, problems, changes.legalBasisIds, 'changes.legalBasisIds');
    await checkAgreementExists(ctx.db, problems, changes.parentId, 'changes.parentId');
    if (changes.parentId === id) problems.add('changes.parentId', 'may not be the agreement itself');
    problems.throwIfAny();
    return changeRecord(ctx, agreementSpec, id, version, async (current, tx) => {
      const checks = new InputProblems();
      const parties = changes.parties && (await partiesOf(tx, checks, changes.parties, sources ?? current.sources, 'changes.parties'));
      checks.throwIfAny();
      const next = applyChanges(current, {
        kind: changes.kind, title: changes.title?.trim(), parentId: changes.parentId, territory, phenomena: changes.phenomena, legalBasisIds: changes.legalBasisIds,
        forum: changes.forum, conditions: changes.conditions, text: changes.text, validFrom: isoDateOrNull(changes.validFrom), note: changes.note,
        unconfirmed: changes.unconfirmed, sources, parties, municipalities,
      });
      return checkedDates(next, 'changes');
    });
  }

  @Mutation(() => Agreement, { nullable: true, description: 'Ends an agreement or protocol on a date; it stays queryable for earlier dates.' })
  endAgreement(@Arg('id', () => ID) id: string, @versionArg() version: number, @endArgs.validTo() validTo: Date, @endArgs.note() note: string | null, @Ctx() ctx: Ctx) {
    return endRecord(ctx, agreementSpec, id, version, toIsoDate(validTo), note);
  }
}
