import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { isoDateOrNull, toTerritoryRefs } from '../../_shared/editing/inputs';
import { InputProblems } from '../../_shared/editing/problems';
import { changeRecord, createRecord, endRecord } from '../../_shared/editing/record-writes';
import { checkLegalBases, checkMunicipality, expandTerritory } from '../../_shared/editing/references';
import { applyChanges } from '../../_shared/editing/write';
import { DateScalar } from '../../_shared/graphql-types';
import type { SubgraphContext } from '../../_shared/subgraph';
import { slugify } from '../../_shared/text';
import { toIsoDate } from '../../_shared/validity';
import { Agreement } from '../entities/agreement';
import { Organisation } from '../entities/organisation';
import { Post } from '../entities/post';
import { PostHolder } from '../entities/post-holder';
import type { PartnersLoaders } from '../loaders';
import {
  AgreementChanges,
  NewAgreementInput,
  NewOrganisationInput,
  NewPostHolderInput,
  NewPostInput,
  OrganisationChanges,
  PostChanges,
  PostHolderChanges,
} from './inputs';
import { type AgreementDraft, type OrganisationDraft, agreementSpec, organisationSpec, postHolderSpec, postSpec } from './specs';
import {
  checkAgreementExists,
  checkEmail,
  checkIdentifiers,
  checkNoOverlappingHolder,
  checkNoParentCycle,
  checkOrganisationExists,
  checkPhone,
  checkPostExists,
  contactPointsOf,
  partiesOf,
  sourcesOf,
} from './validate';

type Ctx = SubgraphContext<PartnersLoaders>;

const idFrom = (text: string) => slugify(text).slice(0, 100).replace(/-+$/, '');
const versionArg = () => Arg('version', () => Int, { description: 'The version the change was made on (optimistic concurrency).' });
const endArgs = {
  validTo: () => Arg('validTo', () => DateScalar, { description: 'The day it no longer holds (exclusive end).' }),
  note: () => Arg('note', () => String, { nullable: true, description: 'Why it ended, for the record.' }),
};

/**
 * The partners registry's writes. Each validates its whole input first (also references to other subgraphs'
 * entities, asked of them), then writes in one transaction with its journal (history, change feed, audit).
 */
@Resolver()
export class PartnersMutations {
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
      serves, contactPoints, validFrom: isoDateOrNull(input.validFrom) ?? null, validTo: null, unconfirmed: input.unconfirmed ?? [], note: input.note ?? null, sources,
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
    const problems = new InputProblems();
    if (changes.name !== undefined) problems.requireText(changes.name, 'changes.name');
    checkIdentifiers(problems, changes, 'changes');
    const contactPoints = changes.contactPoints && contactPointsOf(problems, changes.contactPoints, 'changes.contactPoints');
    const sources = sourcesOf(problems, changes.sources, 'changes.sources');
    const serves = changes.serves && toTerritoryRefs(changes.serves);
    const municipalities = serves && (await expandTerritory(ctx, problems, serves, 'changes.serves'));
    await checkOrganisationExists(ctx.db, problems, changes.parentId, 'changes.parentId');
    await checkNoParentCycle(ctx.db, problems, id, changes.parentId, 'changes.parentId');
    problems.throwIfAny();
    return changeRecord(ctx, organisationSpec, id, version, (current) => {
      const next = applyChanges(current, {
        name: changes.name?.trim(), kind: changes.kind, level: changes.level, kbo: changes.kbo, ovo: changes.ovo, parentId: changes.parentId,
        serves, contactPoints, validFrom: isoDateOrNull(changes.validFrom), note: changes.note, unconfirmed: changes.unconfirmed, sources, municipalities,
      });
      return checkedDates(next, 'changes');
    });
  }

  @Mutation(() => Organisation, { nullable: true, description: 'Ends an organisation on a date; it stays queryable for earlier dates.' })
  endOrganisation(@Arg('id', () => ID) id: string, @versionArg() version: number, @endArgs.validTo() validTo: Date, @endArgs.note() note: string | null, @Ctx() ctx: Ctx) {
    return endRecord(ctx, organisationSpec, id, version, toIsoDate(validTo), note);
  }

  @Mutation(() => Post, { nullable: true, description: 'Creates a post (a function) of an organisation (its editors, admins).' })
  async createPost(@Arg('input', () => NewPostInput) input: NewPostInput, @Ctx() ctx: Ctx): Promise<Post> {
    const problems = new InputProblems();
    problems.requireText(input.title, 'input.title');
    await checkOrganisationExists(ctx.db, problems, input.organisationId, 'input.organisationId');
    await checkMunicipality(ctx, problems, input.municipalityNis, 'input.municipalityNis');
    const sources = sourcesOf(problems, input.sources, 'input.sources')!;
    const record = {
      id: input.id ?? idFrom(`${input.organisationId}-${input.title ?? ''}`), organisationId: input.organisationId, function: input.function, title: input.title?.trim(),
      phenomena: input.phenomena ?? [], municipalityNis: input.municipalityNis ?? null, validFrom: isoDateOrNull(input.validFrom) ?? null, validTo: null,
      unconfirmed: input.unconfirmed ?? [], note: input.note ?? null, sources,
    } as Post;
    problems.throwIfAny();
    return createRecord(ctx, postSpec, record);
  }

  @Mutation(() => Post, { nullable: true, description: 'Changes a post (its organisation\'s editors, admins).' })
  async updatePost(@Arg('id', () => ID) id: string, @versionArg() version: number, @Arg('changes', () => PostChanges) changes: PostChanges, @Ctx() ctx: Ctx): Promise<Post> {
    const problems = new InputProblems();
    if (changes.title !== undefined) problems.requireText(changes.title, 'changes.title');
    await checkMunicipality(ctx, problems, changes.municipalityNis, 'changes.municipalityNis');
    const sources = sourcesOf(problems, changes.sources, 'changes.sources');
    problems.throwIfAny();
    return changeRecord(ctx, postSpec, id, version, (current) =>
      checkedDates(
        applyChanges(current, {
          function: changes.function, title: changes.title?.trim(), phenomena: changes.phenomena, municipalityNis: changes.municipalityNis,
          validFrom: isoDateOrNull(changes.validFrom), note: changes.note, unconfirmed: changes.unconfirmed, sources,
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

async function noOverlappingHolder(tx: EntityManager, holder: PostHolder, field: string): Promise<void> {
  const problems = new InputProblems();
  await checkNoOverlappingHolder(tx, problems, holder, field);
  problems.throwIfAny();
}

/** The merged record's dates must be in order (a new start after the stored end is refused). */
function checkedDates<T extends { validFrom: string | null; validTo: string | null }>(record: T, prefix: string): T {
  const problems = new InputProblems();
  problems.datesInOrder(record, prefix);
  problems.throwIfAny();
  return record;
}
