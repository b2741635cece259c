import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import { OrganisationKind } from '../_shared/enums';
import { badInput } from '../../core/errors';
import { DateScalar } from '../_shared/graphql-types';
import { TERRITORY_UNKNOWN, decodeProtocolQuestion, type ProtocolQuestionInput } from '../_shared/protocol-question';
import { type SubgraphContext, memoized } from '../_shared/subgraph';
import { type Vocabulary, partnerKindsOf, phenomenonOf, vocabulary } from './vocabulary';
import { orList } from '../../core/text';
import { Agreement, AgreementParty } from './entities/agreement';
import { Organisation } from './entities/organisation';
import { inForceOn, mayBeInForce, validityOf } from '../../core/partial-date';
import { InForce } from '../_shared/validity-types';
import type { PartnersLoaders } from './loaders';

type Ctx = SubgraphContext<PartnersLoaders>;

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

  @Field(() => Boolean, { description: 'Whether the registry knows which organisation of that kind serves the municipality; false where the sources leave it open (see reason).' })
  known: boolean;

  @Field(() => String, { nullable: true, description: 'Why it is not known, as a stable code: TERRITORY_UNKNOWN where the sources leave open which region of that kind the municipality lies in. Null when known.' })
  reason: string | null;

  @Field(() => String, { nullable: true, description: 'The same in Dutch, naming the candidates.' })
  explanation: string | null;

  @Field(() => [Organisation], { description: 'Where unknown: the organisations of that kind that may serve the municipality (those serving a region of that kind in its province).' })
  candidates: Organisation[];
}

/** The kind of service region whose organisation serves a municipality, for the kinds organised by region. */
const REGION_KIND_OF = new Map<OrganisationKind, string>([
  [OrganisationKind.VEILIG_HUIS, 'VEILIG_HUIS_REGION'],
  [OrganisationKind.ARIEC, 'ARIEC_AREA'],
]);

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

  @Field(() => [KindOnTerritory], { description: 'For each party named by its kind ("any CAW", "every Veilig Huis"): which organisations of that kind serve the municipality, or why that is unknown.' })
  kindsOnTerritory: KindOnTerritory[];

  @Field(() => [LegalBasisOnDateRef], { nullable: true, description: 'Its legal bases, each saying whether it is in force on the date.' })
  legalBases: LegalBasisOnDateRef[];

  @Field(() => [String], { description: 'Why it is undetermined, as stable codes (START_UNKNOWN, START_WITHIN_PERIOD, START_ONLY_PLANNED, END_WITHIN_PERIOD, END_ONLY_PLANNED, TERRITORY_UNKNOWN); empty when in force.' })
  reasons: string[];

  @Field(() => [String], { description: 'The reasons in Dutch.' })
  explanation: string[];
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

async function resolvePartners(ctx: Ctx, v: Vocabulary, asked: string[], nis: string): Promise<PartnerSpec[]> {
  const [organisations, serving] = await Promise.all([ctx.loaders.organisation.loadMany(asked), ctx.loaders.organisationsServing.load(nis)]);
  const servesHere = new Set(serving.map((o) => o.id));
  return asked.map((name, i) => {
    const organisation = organisations[i];
    if (organisation && !(organisation instanceof Error)) {
      return { asked: name, organisationId: organisation.id, servingKind: servesHere.has(organisation.id) ? organisation.kind : undefined, kinds: [] };
    }
    const kinds = partnerKindsOf(v, name);
    if (!kinds) {
      const suggestions = v.partnerTerms.map((t) => t.id);
      throw badInput(
        `"${name}" is geen organisatie-id en geen soort partner. Gebruik een organisatie-id of een van: ${suggestions.join(', ')}.`,
        { argument: 'partners', partner: name, reason: 'UNKNOWN_PARTNER', suggestions },
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

/** Organisations that serve one of the given service regions (as their `serves` states it), by region id. */
async function organisationsServingRegions(ctx: Ctx, regionIds: string[]): Promise<Organisation[]> {
  if (!regionIds.length) return [];
  return ctx.db
    .getRepository(Organisation)
    .createQueryBuilder('o')
    .where(`EXISTS (SELECT 1 FROM jsonb_array_elements(o.serves) t WHERE t->>'scale' = 'SERVICE_REGION' AND t->>'ref' = ANY(:ids))`, { ids: regionIds })
    .orderBy('o.name')
    .getMany();
}

/**
 * The organisations of a kind that serve the municipality — or, where the sources leave open which region of that
 * kind it lies in, that this is unknown (TERRITORY_UNKNOWN) and which organisations it may be.
 */
function kindOnTerritory(partyKind: OrganisationKind, serving: Organisation[], regionOrganisations: Organisation[], q: ProtocolQuestionInput): KindOnTerritory {
  const organisations = serving.filter((o) => o.kind === partyKind && mayBeInForce(o, q.on));
  const unsettled = q.unsettled.find((u) => u.kind === REGION_KIND_OF.get(partyKind));
  if (organisations.length || !unsettled) return { partyKind, organisations, known: true, reason: null, explanation: null, candidates: [] };
  const candidates = regionOrganisations.filter(
    (o) => o.kind === partyKind && mayBeInForce(o, q.on) && o.serves.some((t) => t.scale === 'SERVICE_REGION' && t.ref !== undefined && unsettled.candidateRegions.includes(t.ref)),
  );
  const names = candidates.map((o) => o.name);
  return {
    partyKind,
    organisations,
    known: false,
    reason: TERRITORY_UNKNOWN,
    explanation:
      `De bronnen zeggen niet ${KIND_WORDS.get(partyKind) ?? 'welke organisatie van die soort'} deze gemeente bedient` +
      (names.length ? `: ${orList(names)}.` : '.'),
    candidates,
  };
}

const KIND_WORDS = new Map<OrganisationKind, string>([
  [OrganisationKind.VEILIG_HUIS, 'welk Veilig Huis'],
  [OrganisationKind.ARIEC, 'welke ARIEC'],
]);

/**
 * The question's phenomenon and partners, as the registry knows them; BAD_USER_INPUT with suggestions for one it
 * does not know. Unknown partners are named before an unknown phenomenon, as the question lists them.
 */
async function checkedQuestion(ctx: Ctx, q: ProtocolQuestionInput): Promise<{ v: Vocabulary; specs: PartnerSpec[]; phenomenon: string }> {
  const v = await vocabulary(ctx);
  const specs = await resolvePartners(ctx, v, q.partners, q.nis);
  const named = phenomenonOf(v, q.phenomenon);
  if (!named) {
    const suggestions = v.phenomena.map((p) => p.id);
    throw badInput(`Het register kent het fenomeen "${q.phenomenon}" niet. Gekende fenomenen: ${v.phenomena.map((p) => p.label.toLowerCase()).join(', ')}.`, {
      argument: 'phenomenon',
      phenomenon: q.phenomenon,
      reason: 'UNKNOWN_PHENOMENON',
      suggestions,
    });
  }
  return { v, specs, phenomenon: named.id };
}

export async function answerProtocolQuestion(ctx: Ctx, q: ProtocolQuestionInput): Promise<Answer> {
  const [{ v, specs, phenomenon }, agreements] = await Promise.all([
    checkedQuestion(ctx, q),
    ctx.db.getRepository(Agreement).find({ order: { title: 'ASC' } }),
  ]);
  const labelOf = (id: string) => v.phenomena.find((p) => p.id === id)?.label.toLowerCase() ?? id;
  const [covering, parties, serving] = await Promise.all([
    ctx.loaders.agreementsCovering.load(q.nis),
    ctx.loaders.partiesOfAgreement.loadMany(agreements.map((a) => a.id)),
    ctx.loaders.organisationsServing.load(q.nis),
  ]);
  const coveringIds = new Set(covering.map((a) => a.id));
  const regionOrganisations = await organisationsServingRegions(ctx, q.unsettled.flatMap((u) => u.candidateRegions));
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
      words.push(`Gaat niet over ${labelOf(phenomenon)} (wel over: ${agreement.phenomena.map(labelOf).join(', ') || 'geen fenomeen dat de bronnen noemen'}).`);
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
      // Every party named by its kind, asked for or not: where it is unknown which Veilig Huis serves the
      // municipality, it is unknown whose agreement of "every Veilig Huis" applies.
      const kinds = [...new Set(ofAgreement.flatMap((p) => (p.partyKind ? [p.partyKind] : [])))];
      const kindsOnTerritory = kinds.map((partyKind) => kindOnTerritory(partyKind, serving, regionOrganisations, q));
      const open = kindsOnTerritory.filter((k) => !k.known);
      const reasons = [...(inForce.state === 'IN_FORCE' ? [] : [inForce.reason!]), ...open.map((k) => k.reason!)];
      answer.applicable.push({
        agreement,
        kindsOnTerritory,
        status: reasons.length ? ProtocolStatus.UNDETERMINED : ProtocolStatus.IN_FORCE,
        inForce: new InForce(inForce),
        matchedParties: matched,
        legalBases: agreement.legalBasisIds.map((id) => ({ id, on: q.on })),
        reasons,
        explanation: [...(inForce.state === 'IN_FORCE' ? [] : [inForce.explanation]), ...open.map((k) => k.explanation!)],
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
        : `Het register kent geen overeenkomst over ${labelOf(phenomenon)} die het grondgebied van deze gemeente dekt.`,
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

  // Service-to-service: the territory subgraph checks a question's arguments when it is asked, whatever the
  // client selects, without having the whole answer worked out twice.
  @FieldResolver(() => Boolean, { nullable: true, description: 'True when the registry knows the question\'s phenomenon and partners; BAD_USER_INPUT otherwise.' })
  @Directive('@inaccessible')
  async argumentsChecked(@Root() q: ProtocolQuestionRef, @Ctx() ctx: Ctx) {
    await memoized(ctx, `protocol-check:${q.id}`, () => checkedQuestion(ctx, decodeProtocolQuestion(q.id)));
    return true;
  }
}

export const protocolReferenceResolvers = {
  ProtocolQuestion: { __resolveReference: (ref: { id: string }) => ref },
  LegalBasisOnDate: { __resolveReference: (ref: { id: string; on: string }) => ref },
};
