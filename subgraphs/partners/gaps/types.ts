import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OrganisationKind } from '../../_shared/enums';
import { DateScalar } from '../../_shared/graphql-types';

/** What the gap report answers (Query.registryGaps): per record what is missing, and totals. */

export enum GapRecordKind {
  ORGANISATION = 'ORGANISATION',
  SITE = 'SITE',
  POST = 'POST',
  AGREEMENT = 'AGREEMENT',
  MUNICIPALITY = 'MUNICIPALITY',
}
registerEnumType(GapRecordKind, { name: 'GapRecordType', description: 'A kind of record the gap report speaks of (municipalities: areas the sources leave unsettled).' });

@ObjectType({ description: 'One thing the registry does not know or has not confirmed about a record.' })
export class Gap {
  @Field(() => String, { description: 'Stable code (docs/data.md, "Gaps"): NO_CONTACT_POINT, NO_IDENTIFIER, NO_SITE, UNSETTLED_AREA, START_UNKNOWN, DATE_IMPRECISE, DATE_PLANNED, NOT_CONFIRMED_RECENTLY, POST_WITHOUT_HOLDER, UNCONFIRMED.' })
  code: string;

  @Field(() => String, { nullable: true, description: 'The field of the record it is about (contactPoints, kbo, sites, validity.from, lastConfirmed, posts, …).' })
  field: string | null;

  @Field(() => String, { description: 'What is missing, in Dutch.' })
  explanation: string;

  @Field(() => Int, { nullable: true, description: 'How many, where the gap is a number (POST_WITHOUT_HOLDER: posts without a current holder; never who).' })
  count: number | null;
}

@ObjectType({ description: 'A record with what the registry does not know about it.' })
export class RecordGaps {
  @Field(() => GapRecordKind)
  recordType: GapRecordKind;

  @Field(() => ID)
  recordId: string;

  @Field(() => ID, { nullable: true, description: 'The organisation whose record it is (for an agreement: the first named party, or the organisation asked for); null for a post of a kind or a municipality.' })
  organisationId: string | null;

  @Field(() => [ID], { description: 'Every organisation whose record it is (an agreement: its named parties).' })
  organisationIds: string[];

  @Field(() => String, { description: 'What the record is, in Dutch ("organisatie Veilig Huis Limburg").' })
  label: string;

  @Field(() => [Gap])
  gaps: Gap[];
}

@ObjectType({ description: 'How many organisations of a kind have something known: "Veilig Huis: contactpunt bekend voor 1 van 9".' })
export class KindCoverage {
  @Field(() => OrganisationKind)
  kind: OrganisationKind;

  @Field(() => String, { description: 'The kind, in Dutch.' })
  label: string;

  @Field(() => String, { description: 'What is counted: CONTACT_POINT, IDENTIFIER, SITE, START_DATE, CONFIRMED.' })
  measure: string;

  @Field(() => Int)
  known: number;

  @Field(() => Int)
  of: number;

  @Field(() => String, { description: 'The same, as a Dutch sentence.' })
  sentence: string;
}

@ObjectType({ description: 'For one municipality and one service of its who-is-who card: whether the service is known, and whether it has a contact point of its own.' })
export class MunicipalityServiceCoverage {
  @Field(() => ID)
  nis: string;

  @Field(() => String)
  name: string;

  @Field(() => OrganisationKind)
  kind: OrganisationKind;

  @Field(() => [ID], { description: 'The organisations of this kind that serve the municipality today (empty: none known).' })
  organisationIds: string[];

  @Field(() => Boolean, { description: 'One of them has a public contact point of its own.' })
  contactPointKnown: boolean;

  @Field(() => String, { nullable: true, description: 'Why the service is unknown, where the sources leave its area unsettled (Dutch).' })
  unsettled: string | null;
}

@ObjectType({ description: 'Over the municipalities of a region, for one service: "Politiezone: contactpunt bekend voor 68 van 285 Vlaamse gemeenten".' })
export class MunicipalityCoverage {
  @Field(() => OrganisationKind)
  kind: OrganisationKind;

  @Field(() => String)
  label: string;

  @Field(() => String, { description: 'SERVICE_KNOWN or CONTACT_POINT.' })
  measure: string;

  @Field(() => Int)
  known: number;

  @Field(() => Int)
  of: number;

  @Field(() => String)
  sentence: string;
}

@ObjectType({ description: 'What the registry does not know or has not confirmed, per record, with totals.' })
export class RegistryGapReport {
  @Field(() => ID, { nullable: true, description: 'The organisation the report is limited to; null: the whole registry.' })
  organisationId: string | null;

  @Field(() => Int)
  freshnessDays: number;

  @Field(() => DateScalar, { description: 'Records last confirmed before this day are NOT_CONFIRMED_RECENTLY.' })
  confirmedSince: string;

  @Field(() => [RecordGaps], { description: 'Current records with at least one gap, by organisation, type and id.' })
  records: RecordGaps[];

  @Field(() => [KindCoverage], { description: 'Per organisation kind and measure, over current organisations.' })
  totals: KindCoverage[];

  @Field(() => [MunicipalityServiceCoverage], { description: 'Per municipality of the region and service of its card.' })
  municipalities: MunicipalityServiceCoverage[];

  @Field(() => [MunicipalityCoverage], { description: 'Per service of the card, over the municipalities of the region.' })
  municipalityTotals: MunicipalityCoverage[];
}
