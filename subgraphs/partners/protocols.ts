import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import { OrganisationKind } from '../_shared/enums';
import { badInput } from '../../core/errors';
import { DateScalar } from '../_shared/graphql-types';
import { decodeProtocolQuestion, type ProtocolQuestionInput } from '../_shared/protocol-question';
import { type SubgraphContext, memoized } from '../_shared/subgraph';
import { nameKey, slugify } from '../../core/text';
import { Agreement, AgreementParty } from './entities/agreement';
import { Organisation } from './entities/organisation';
import { inForceOn, mayBeInForce, validityOf } from '../../core/partial-date';
import { InForce } from '../_shared/validity-types';
import type { PartnersLoaders } from './loaders';

type Ctx = SubgraphContext<PartnersLoaders>;

/** Words people use for kinds of partner, mapped to the kinds they mean. */
// Maps, not object literals: a user's "__proto__" or "constructor" must not find Object.prototype's members.
const PARTNER_ALIASES = new Map<string, OrganisationKind[]>(Object.entries({
  politie: [OrganisationKind.POLITIEZONE, OrganisationKind.FEDERALE_POLITIE],
  'lokale politie': [OrganisationKind.POLITIEZONE],
  politiezone: [OrganisationKind.POLITIEZONE],
  'federale politie': [OrganisationKind.FEDERALE_POLITIE],
  parket: [OrganisationKind.PARKET],
  caw: [OrganisationKind.CAW],
  cgg: [OrganisationKind.CGG],
  clb: [OrganisationKind.CLB],
  ocmw: [OrganisationKind.OCMW],
  justitiehuis: [OrganisationKind.JUSTITIEHUIS],
  gevangenis: [OrganisationKind.GEVANGENIS],
  opgroeien: [OrganisationKind.OPGROEIEN],
  'kind en gezin': [OrganisationKind.KIND_EN_GEZIN],
  'kind & gezin': [OrganisationKind.KIND_EN_GEZIN],
  vertrouwenscentrum: [OrganisationKind.VERTROUWENSCENTRUM_KINDERMISHANDELING],
  'vertrouwenscentrum kindermishandeling': [OrganisationKind.VERTROUWENSCENTRUM_KINDERMISHANDELING],
  gemeente: [OrganisationKind.LOKAAL_BESTUUR],
  stad: [OrganisationKind.LOKAAL_BESTUUR],
  'lokaal bestuur': [OrganisationKind.LOKAAL_BESTUUR],
  'lokale besturen': [OrganisationKind.LOKAAL_BESTUUR],
  'veilig huis': [OrganisationKind.VEILIG_HUIS],
  fjc: [OrganisationKind.FAMILY_JUSTICE_CENTER],
  'family justice center': [OrganisationKind.FAMILY_JUSTICE_CENTER],
  ariec: [OrganisationKind.ARIEC],
}));

const PHENOMENON_ALIASES = new Map<string, string>(Object.entries({
  ifg: 'intrafamiliaal-geweld',
  'intrafamiliaal geweld': 'intrafamiliaal-geweld',
  partnergeweld: 'intrafamiliaal-geweld',
  'huiselijk geweld': 'intrafamiliaal-geweld',
  'ondermijnende criminaliteit': 'ondermijning',
}));

export enum ProtocolStatus {
  IN_FORCE = 'IN_FORCE',
  UNDETERMINED = 'UNDETERMINED',
}
registerEnumType(ProtocolStatus, {
  name: 'ProtocolStatus',
  valuesConfig: {
    IN_FORCE: { description: 'In force on the date according to its confirmed dates.' },
    UNDETERMINED: { description: 'It would apply, but the sources leave it unknown whether it is in force on the date: `inForce` says why.' },
  },
});

export enum NotApplicableReason {
  NO_TERRITORY = 'NO_TERRITORY',
  PHENOMENON_OUT_OF_SCOPE = 'PHENOMENON_OUT_OF_SCOPE',
  PARTNER_NOT_PARTY = 'PARTNER_NOT_PARTY',
  NOT_YET_IN_FORCE = 'NOT_YET_IN_FORCE',
  ENDED = 'ENDED',
}
registerEnumType(NotApplicableReason, { name: 'NotApplicableReason' });

/** A legal basis as of a date: the legal subgraph says whether it is in force then. */
@ObjectType('LegalBasisOnDate')
@Directive('@key(fields: "id on")')
export class LegalBasisOnDateRef {
  @Field(() => ID)
  id: string;

  @Field(() => DateScalar)
  on: string;
}

@ObjectType({ description: 'A party named by its kind, and the organisations of that kind the registry knows to serve the municipality.' })
export class KindOnTerritory {
  @Field(() => OrganisationKind)
  partyKind: OrganisationKind;

  @Field(() => [Organisation], { description: 'Empty where the registry knows none of that kind serving the municipality.' })
  organisations: Organisation[];
}

@ObjectType({ description: 'An agreement or protocol that applies, with its parties for the question and its legal bases on the date.' })
export class ProtocolMatch {
  @Field(() => Agreement)
  agreement: Agreement;

  @Field(() => ProtocolStatus)
  status: ProtocolStatus;

  @Field(() => InForce, { description: 'Whether it is in force on the date, and why that is unknown where it is.' })
  inForce: InForce;

  @Field(() => [AgreementParty], { description: 'The parties that match the partners named in the question.' })
  matchedParties: AgreementParty[];

  @Field(() => [KindOnTerritory], { description: 'For each matched party named by its kind ("any CAW"): which organisations of that kind serve the municipality.' })
  kindsOnTerritory: KindOnTerritory[];

  @Field(() => [LegalBasisOnDateRef], { nullable: true, description: 'Its legal bases, each saying whether it is in force on the date.' })
  legalBases: LegalBasisOnDateRef[];
}

@ObjectType({ description: 'Why an agreement does not apply.' })
export class NotApplicable {
  @Field(() => Agreement)
  agreement: Agreement;

  @Field(() => [NotApplicableReason])
  reasons: NotApplicableReason[];

  @Field(() => [String], { description: 'The reasons in words.' })
  explanation: string[];
}

@ObjectType('ProtocolQuestion')
@Directive('@key(fields: "id")')
export class ProtocolQuestionRef {
  @Field(() => ID)
  id: string;
}

interface Answer {
  applicable: ProtocolMatch[];
  notApplicable: NotApplicable[];
  explanation: string[];
}

interface PartnerSpec {
  asked: string;
  organisationId?: string;
  /** For an organisation: its kind, when it serves the municipality (it then also fills a party named by kind). */
  servingKind?: OrganisationKind;
  kinds: OrganisationKind[];
}

async function resolvePartners(ctx: Ctx, asked: string[], nis: string): Promise<PartnerSpec[]> {
  const [organisations, serving] = await Promise.all([ctx.loaders.organisation.loadMany(asked), ctx.loaders.organisationsServing.load(nis)]);
  const servesHere = new Set(serving.map((o) => o.id));
  return asked.map((name, i) => {
    const organisation = organisations[i];
    if (organisation && !(organisation instanceof Error)) {
      return { asked: name, organisationId: organisation.id, servingKind: servesHere.has(organisation.id) ? organisation.kind : undefined, kinds: [] };
    }
    const key = nameKey(name);
    const kinds = PARTNER_ALIASES.get(key) ?? (Object.values(OrganisationKind).includes(name.toUpperCase() as OrganisationKind) ? [name.toUpperCase() as OrganisationKind] : undefined);
    if (!kinds) {
      throw badInput(
        `"${name}" is geen organisatie-id en geen soort partner. Gebruik een organisatie-id of een van: ${[...PARTNER_ALIASES.keys()].join(', ')}.`,
        { argument: 'partners', partner: name, reason: 'UNKNOWN_PARTNER', suggestions: [...PARTNER_ALIASES.keys()] },
      );
    }
    return { asked: name, kinds };
  });
}

/**
 * Whether a party is the partner asked for: the organisation itself, a party named by the kind asked for, or (for
 * an organisation that serves the municipality, such as its police zone) a party named by that organisation's kind.
 */
function partyMatches(party: AgreementParty, partner: PartnerSpec, organisations: Map<string, Organisation>): boolean {
  if (partner.organisationId) return party.organisationId === partner.organisationId || (partner.servingKind !== undefined && party.partyKind === partner.servingKind);
  const kind = party.partyKind ?? (party.organisationId ? organisations.get(party.organisationId)?.kind : undefined);
  return kind !== undefined && partner.kinds.includes(kind);
}

export async function answerProtocolQuestion(ctx: Ctx, q: ProtocolQuestionInput): Promise<Answer> {
  const specs = await resolvePartners(ctx, q.partners, q.nis);
  const agreements = await ctx.db.getRepository(Agreement).find({ order: { title: 'ASC' } });
  const known = new Set(agreements.flatMap((a) => a.phenomena));
  const asked = slugify(q.phenomenon);
  const phenomenon = PHENOMENON_ALIASES.get(nameKey(q.phenomenon)) ?? asked;
  if (!known.has(phenomenon)) {
    throw badInput(`Geen overeenkomst in het register gaat over "${q.phenomenon}". Gekende fenomenen: ${[...known].sort().join(', ')}.`, {
      argument: 'phenomenon',
      phenomenon: q.phenomenon,
      reason: 'UNKNOWN_PHENOMENON',
      suggestions: [...known].sort(),
    });
  }
  const [covering, parties, serving] = await Promise.all([
    ctx.loaders.agreementsCovering.load(q.nis),
    ctx.loaders.partiesOfAgreement.loadMany(agreements.map((a) => a.id)),
    ctx.loaders.organisationsServing.load(q.nis),
  ]);
  const coveringIds = new Set(covering.map((a) => a.id));
  const partyOrgIds = [...new Set(parties.flatMap((p) => (Array.isArray(p) ? p : [])).map((p) => p.organisationId).filter((id): id is string => Boolean(id)))];
  const partyOrgs = new Map(
    (await ctx.loaders.organisation.loadMany(partyOrgIds)).filter((o): o is Organisation => Boolean(o) && !(o instanceof Error)).map((o) => [o.id, o]),
  );

  const answer: Answer = { applicable: [], notApplicable: [], explanation: [] };
  agreements.forEach((agreement, i) => {
    const ofAgreement = Array.isArray(parties[i]) ? (parties[i] as AgreementParty[]) : [];
    const reasons: NotApplicableReason[] = [];
    const words: string[] = [];
    if (!coveringIds.has(agreement.id)) {
      reasons.push(NotApplicableReason.NO_TERRITORY);
      words.push('Het werkingsgebied dekt de gemeente niet.');
    }
    if (!agreement.phenomena.includes(phenomenon)) {
      reasons.push(NotApplicableReason.PHENOMENON_OUT_OF_SCOPE);
      words.push(`Gaat niet over ${phenomenon} (wel over: ${agreement.phenomena.join(', ') || 'geen fenomeen dat de bronnen noemen'}).`);
    }
    const missing = specs.filter((s) => !ofAgreement.some((p) => partyMatches(p, s, partyOrgs)));
    if (missing.length) {
      reasons.push(NotApplicableReason.PARTNER_NOT_PARTY);
      words.push(`${missing.map((m) => m.asked).join(', ')} ${missing.length > 1 ? 'zijn' : 'is'} geen partij.`);
    }
    const inForce = inForceOn(validityOf(agreement), q.on);
    if (inForce.reason === 'ENDED') {
      reasons.push(NotApplicableReason.ENDED);
      words.push(inForce.explanation);
    } else if (inForce.reason === 'NOT_YET_STARTED') {
      reasons.push(NotApplicableReason.NOT_YET_IN_FORCE);
      words.push(inForce.explanation);
    }
    if (reasons.length === 0) {
      const matched = ofAgreement.filter((p) => specs.some((s) => partyMatches(p, s, partyOrgs)));
      const kinds = [...new Set(matched.flatMap((p) => (p.partyKind ? [p.partyKind] : [])))];
      answer.applicable.push({
        agreement,
        kindsOnTerritory: kinds.map((partyKind) => ({ partyKind, organisations: serving.filter((o) => o.kind === partyKind && mayBeInForce(o, q.on)) })),
        status: inForce.state === 'IN_FORCE' ? ProtocolStatus.IN_FORCE : ProtocolStatus.UNDETERMINED,
        inForce: new InForce(inForce),
        matchedParties: matched,
        legalBases: agreement.legalBasisIds.map((id) => ({ id, on: q.on })),
      });
    } else if (!reasons.includes(NotApplicableReason.PHENOMENON_OUT_OF_SCOPE) || !reasons.includes(NotApplicableReason.NO_TERRITORY)) {
      // Near misses only: an agreement on another phenomenon elsewhere says nothing about this question.
      answer.notApplicable.push({ agreement, reasons, explanation: words });
    }
  });
  if (!answer.applicable.length) {
    const onTerritory = answer.notApplicable.filter((n) => !n.reasons.includes(NotApplicableReason.NO_TERRITORY) && !n.reasons.includes(NotApplicableReason.PHENOMENON_OUT_OF_SCOPE));
    answer.explanation.push(
      onTerritory.length
        ? `Geen overeenkomst is van toepassing: ${onTerritory.map((n) => `${n.agreement.title}: ${n.explanation.join(' ')}`).join(' ')}`
        : `Het register kent geen overeenkomst over ${phenomenon} die het grondgebied van deze gemeente dekt.`,
    );
  }
  return answer;
}

@Resolver(() => ProtocolQuestionRef)
export class ProtocolAnswerResolver {
  private answer(q: ProtocolQuestionRef, ctx: Ctx): Promise<Answer> {
    return memoized(ctx, `protocol:${q.id}`, () => answerProtocolQuestion(ctx, decodeProtocolQuestion(q.id)));
  }

  @FieldResolver(() => [ProtocolMatch], { nullable: true, description: 'The agreements and protocols that apply.' })
  async applicable(@Root() q: ProtocolQuestionRef, @Ctx() ctx: Ctx) {
    return (await this.answer(q, ctx)).applicable;
  }

  @FieldResolver(() => [NotApplicable], { nullable: true, description: 'Agreements on this territory or phenomenon that do not apply, and why.' })
  async notApplicable(@Root() q: ProtocolQuestionRef, @Ctx() ctx: Ctx) {
    return (await this.answer(q, ctx)).notApplicable;
  }

  @FieldResolver(() => [String], { nullable: true, description: 'Why nothing applies (empty when something does).' })
  async explanation(@Root() q: ProtocolQuestionRef, @Ctx() ctx: Ctx) {
    return (await this.answer(q, ctx)).explanation;
  }
}

export const protocolReferenceResolvers = {
  ProtocolQuestion: { __resolveReference: (ref: { id: string }) => ref },
  LegalBasisOnDate: { __resolveReference: (ref: { id: string; on: string }) => ref },
};
