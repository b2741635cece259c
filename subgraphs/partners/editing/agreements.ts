import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { startAsGiven, toTerritoryRefs } from '../../_shared/editing/inputs';
import { InputProblems } from '../../_shared/editing/problems';
import { changeRecord, createRecord, endRecord, refuseUnlessOwned } from '../../_shared/editing/record-writes';
import { checkLegalBases, expandTerritory } from '../../_shared/editing/references';
import { applyChanges, mustOwn } from '../../_shared/editing/write';
import { toIsoDate } from '../../../core/dates';
import { badInput } from '../../../core/errors';
import type { Identity } from '../../../core/auth/roles';
import { Agreement, ConfirmationSetBy, PartyConfirmation } from '../entities/agreement';
import type { SubgraphContext } from '../../_shared/subgraph';
import type { PartnersLoaders } from '../loaders';

type Ctx = SubgraphContext<PartnersLoaders>;
import { checkedDates, endArgs, idFrom, versionArg } from './arguments';
import { AgreementChanges, NewAgreementInput } from './inputs';
import { type AgreementDraft, type PartyRow, agreementSpec, storedParties } from './specs';
import { checkAgreementExists, partiesOf, sourcesOf } from './validate';

/** A confirmation state as the caller's write sets it: who (role, organisation, subject) and when. */
function setBy(identity: Identity, confirmation: PartyConfirmation): Pick<PartyRow, 'confirmation' | 'confirmationByRole' | 'confirmationByOrg' | 'confirmationBySubject' | 'confirmationAt'> {
  return {
    confirmation,
    confirmationByRole: identity.role === 'ADMIN' ? ConfirmationSetBy.ADMIN : ConfirmationSetBy.EDITOR,
    confirmationByOrg: identity.role === 'ADMIN' ? null : (identity.org ?? null),
    confirmationBySubject: identity.sub ?? null,
    confirmationAt: new Date(),
  };
}

const NO_CONFIRMATION = { confirmation: null, confirmationByRole: null, confirmationByOrg: null, confirmationBySubject: null, confirmationAt: null };

/**
 * The confirmation of each party as written: an organisation already named keeps its state; a newly named one is
 * confirmed only when it is the writing editor's own organisation or an admin writes it, and is otherwise
 * pending until its own editors confirm it (naming someone is not their consent).
 */
function withConfirmations(rows: PartyRow[], stored: PartyRow[], identity: Identity): PartyRow[] {
  return rows.map((row) => {
    if (!row.organisationId) return { ...row, ...NO_CONFIRMATION };
    const before = stored.find((s) => s.organisationId === row.organisationId);
    if (before?.confirmation) {
      const { confirmation, confirmationByRole, confirmationByOrg, confirmationBySubject, confirmationAt } = before;
      return { ...row, confirmation, confirmationByRole, confirmationByOrg, confirmationBySubject, confirmationAt };
    }
    const own = identity.role === 'ADMIN' || (identity.role === 'EDITOR' && identity.org === row.organisationId);
    return { ...row, ...setBy(identity, own ? PartyConfirmation.CONFIRMED : PartyConfirmation.PENDING) };
  });
}

/**
 * A party confirmed the agreement as it stood. When an editor names a new party or moves the start, the other
 * confirmed parties are asked again (pending): otherwise one party could bring in an organisation, or bring the
 * agreement into force, on the others' behalf. Admins' changes keep the states.
 */
function askOthersAgain(parties: PartyRow[], identity: Identity): PartyRow[] {
  return parties.map((p) =>
    p.organisationId && p.organisationId !== identity.org && p.confirmation === PartyConfirmation.CONFIRMED ? { ...p, ...setBy(identity, PartyConfirmation.PENDING) } : p,
  );
}

/** The organisations an agreement's input names: the writing editor's must be among them. */
const namedIn = (parties: Array<{ organisationId?: string | null }> | undefined) => (parties ?? []).map((p) => p.organisationId).filter((id): id is string => Boolean(id));

/**
 * Writes of agreements and protocols: parties, territory (checked and expanded by the territory subgraph),
 * phenomena, legal bases (checked with the legal subgraph), forum, conditions, text and validity. Editors of any
 * named party may change one; an editor's own organisation must remain a party.
 */
@Resolver()
export class AgreementMutations {
  @Mutation(() => Agreement, { nullable: true, description: 'Registers an agreement or protocol with its parties, territory and legal bases (editors of a party, admins).' })
  async createAgreement(@Arg('input', () => NewAgreementInput) input: NewAgreementInput, @Ctx() ctx: Ctx): Promise<Agreement> {
    mustOwn(ctx.identity, namedIn(input.parties), 'an agreement your organisation is not a named party of');
    const problems = new InputProblems();
    problems.requireText(input.title, 'input.title');
    const sources = sourcesOf(problems, input.sources, 'input.sources')!;
    const parties = withConfirmations(await partiesOf(ctx.db, problems, input.parties, sources, 'input.parties'), [], ctx.identity);
    const territory = toTerritoryRefs(input.territory);
    const municipalities = await expandTerritory(ctx, problems, territory, 'input.territory');
    await checkLegalBases(ctx, problems, input.legalBasisIds, 'input.legalBasisIds');
    await checkAgreementExists(ctx.db, problems, input.parentId, 'input.parentId');
    const record = {
      id: input.id ?? idFrom(input.title ?? ''), kind: input.kind, title: input.title?.trim(), parentId: input.parentId ?? null, territory, phenomena: input.phenomena ?? [],
      legalBasisIds: input.legalBasisIds ?? [], forum: input.forum ?? null, conditions: input.conditions ?? [], text: input.text ?? null,
      ...startAsGiven(problems, input, 'input', true), validTo: null, unconfirmed: input.unconfirmed ?? [], note: input.note ?? null, sources, parties, municipalities,
    } as AgreementDraft;
    problems.throwIfAny();
    return createRecord(ctx, agreementSpec, record);
  }

  @Mutation(() => Agreement, { nullable: true, description: 'Changes an agreement or protocol: parties, territory, phenomena, legal bases, forum, conditions, validity (editors of a party, admins).' })
  async updateAgreement(@Arg('id', () => ID) id: string, @versionArg() version: number, @Arg('changes', () => AgreementChanges) changes: AgreementChanges, @Ctx() ctx: Ctx): Promise<Agreement> {
    await refuseUnlessOwned(ctx, agreementSpec, id);
    const problems = new InputProblems();
    if (changes.title !== undefined) problems.requireText(changes.title, 'changes.title');
    const sources = sourcesOf(problems, changes.sources, 'changes.sources');
    const territory = changes.territory && toTerritoryRefs(changes.territory);
    const municipalities = territory && (await expandTerritory(ctx, problems, territory, 'changes.territory'));
    await checkLegalBases(ctx, problems, changes.legalBasisIds, 'changes.legalBasisIds');
    await checkAgreementExists(ctx.db, problems, changes.parentId, 'changes.parentId');
    if (changes.parentId === id) problems.add('changes.parentId', 'CYCLE', 'mag niet de overeenkomst zelf zijn');
    const start = startAsGiven(problems, changes, 'changes');
    problems.throwIfAny();
    return changeRecord(ctx, agreementSpec, id, version, async (current, tx) => {
      const checks = new InputProblems();
      const stored = await storedParties(tx, id);
      const parties = changes.parties && withConfirmations(await partiesOf(tx, checks, changes.parties, sources ?? current.sources, 'changes.parties'), stored, ctx.identity);
      checks.throwIfAny();
      const next = applyChanges(current, {
        kind: changes.kind, title: changes.title?.trim(), parentId: changes.parentId, territory, phenomena: changes.phenomena, legalBasisIds: changes.legalBasisIds,
        forum: changes.forum, conditions: changes.conditions, text: changes.text, ...start, note: changes.note,
        unconfirmed: changes.unconfirmed, sources, parties, municipalities,
      });
      const storedIds = new Set(namedIn(stored));
      const newParty = namedIn(parties).some((org) => !storedIds.has(org));
      if (ctx.identity.role !== 'ADMIN' && (newParty || next.validFrom !== current.validFrom)) next.parties = askOthersAgain(next.parties ?? stored, ctx.identity);
      return checkedDates(next, 'changes');
    });
  }

  @Mutation(() => Agreement, { nullable: true, description: 'Ends an agreement or protocol on a date; it stays queryable for earlier dates.' })
  endAgreement(@Arg('id', () => ID) id: string, @versionArg() version: number, @endArgs.validTo() validTo: Date, @endArgs.note() note: string | null, @Ctx() ctx: Ctx) {
    return endRecord(ctx, agreementSpec, id, version, toIsoDate(validTo), note);
  }

  @Mutation(() => Agreement, {
    nullable: true,
    description: 'Confirms that an organisation is a party to an agreement (its own editors, admins). Until then a party another organisation named grants no access to anyone.',
  })
  confirmAgreementParty(
    @Arg('agreementId', () => ID) agreementId: string,
    @Arg('organisationId', () => ID) organisationId: string,
    @versionArg() version: number,
    @Ctx() ctx: Ctx,
  ) {
    return decideParty(ctx, agreementId, organisationId, version, PartyConfirmation.CONFIRMED);
  }

  @Mutation(() => Agreement, {
    nullable: true,
    description: 'Declines (or withdraws) an organisation\'s place in an agreement (its own editors, admins): it then grants no access to anyone. The party stays named, as declined.',
  })
  declineAgreementParty(
    @Arg('agreementId', () => ID) agreementId: string,
    @Arg('organisationId', () => ID) organisationId: string,
    @versionArg() version: number,
    @Ctx() ctx: Ctx,
  ) {
    return decideParty(ctx, agreementId, organisationId, version, PartyConfirmation.DECLINED);
  }
}

/** Sets one party's confirmation state: a new version of the agreement, journaled and audited like any change. */
async function decideParty(ctx: Ctx, agreementId: string, organisationId: string, version: number, state: PartyConfirmation): Promise<Agreement> {
  // Only the organisation itself can say yes or no for itself; refused before anything about the agreement is read.
  if (ctx.identity.role !== 'ADMIN') mustOwn(ctx.identity, [organisationId], `the place of organisation "${organisationId}" in an agreement`);
  return changeRecord(ctx, agreementSpec, agreementId, version, async (current, tx) => {
    const parties = await storedParties(tx, agreementId);
    const party = parties.find((p) => p.organisationId === organisationId);
    if (!party) throw badInput(`Organisatie "${organisationId}" is geen partij bij naam van overeenkomst "${agreementId}": er werd niets geschreven.`, { field: 'organisationId', reason: 'NOT_A_PARTY' });
    if (party.confirmation === state) throw badInput(`Organisatie "${organisationId}" is al ${state === 'CONFIRMED' ? 'bevestigd' : 'afgewezen'} als partij van overeenkomst "${agreementId}": er werd niets geschreven.`, { field: 'organisationId', reason: 'ALREADY_SO', state });
    return { ...current, parties: parties.map((p) => (p === party ? { ...p, ...setBy(ctx.identity, state) } : p)) };
  });
}
