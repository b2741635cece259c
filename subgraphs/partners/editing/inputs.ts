import { Field, ID, InputType } from 'type-graphql';
import { GovernmentLevel, OrganisationKind } from '../../_shared/enums';
import { DateScalar } from '../../_shared/graphql-types';
import { SourceInput, TerritoryRefInput } from '../../_shared/editing/inputs';
import { ContactPointKind } from '../entities/organisation';
import { PostFunction } from '../entities/post';
import { AgreementKind } from '../entities/agreement';
import { SiteKind } from '../entities/site';

/**
 * What editors send. A `New…Input` creates a record (required fields required); a `…Changes` input changes one:
 * a field left out keeps its value, an explicit null clears it (where the field may be empty).
 */

@InputType({ description: 'A public, functional contact point with its source (never a person\'s own contact).' })
export class ContactPointInput {
  @Field(() => ContactPointKind)
  kind: ContactPointKind;

  @Field(() => String)
  value: string;

  @Field(() => [SourceInput])
  sources: SourceInput[];
}

/** The fields an organisation's editor may set, shared by creation and change. */
/** What every editable record of this subgraph takes: when it starts, a note, and what the sources do not confirm. */
@InputType()
abstract class RecordFields {
  @Field(() => DateScalar, { nullable: true, description: 'The first day it holds (in force, in office, in use).' })
  validFrom?: Date | null;

  @Field(() => String, { nullable: true, description: 'The start at the precision the source gives, where it is a month or a year: `2023-11`, `2017` (EDTF); or a day. Instead of validFrom.' })
  validFromAsGiven?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => [String], { nullable: true, description: 'Fields the sources do not confirm.' })
  unconfirmed?: string[];
}

@InputType()
abstract class OrganisationFields extends RecordFields {
  @Field(() => String, { nullable: true, description: 'KBO enterprise number, 0123.456.789.' })
  kbo?: string | null;

  @Field(() => String, { nullable: true, description: 'OVO code of the Flemish government, OVO000000.' })
  ovo?: string | null;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => [ContactPointInput], { nullable: true })
  contactPoints?: ContactPointInput[];

}

@InputType({ description: 'A new organisation (admins only).' })
export class NewOrganisationInput extends OrganisationFields {
  @Field(() => ID, { nullable: true, description: 'A readable, stable id (lower case, digits, hyphens); made from the name when left out.' })
  id?: string;

  @Field(() => String)
  name: string;

  @Field(() => OrganisationKind)
  kind: OrganisationKind;

  @Field(() => GovernmentLevel)
  level: GovernmentLevel;

  @Field(() => [TerritoryRefInput])
  serves: TerritoryRefInput[];

  @Field(() => [SourceInput])
  sources: SourceInput[];
}

@InputType({ description: 'Changes to an organisation. To end it, use endOrganisation.' })
export class OrganisationChanges extends OrganisationFields {
  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => OrganisationKind, { nullable: true })
  kind?: OrganisationKind;

  @Field(() => GovernmentLevel, { nullable: true })
  level?: GovernmentLevel;

  @Field(() => [TerritoryRefInput], { nullable: true })
  serves?: TerritoryRefInput[];

  @Field(() => [SourceInput], { nullable: true })
  sources?: SourceInput[];
}

@InputType()
abstract class PostFields extends RecordFields {
  @Field(() => [String], { nullable: true })
  phenomena?: string[];

  @Field(() => String, { nullable: true, description: 'NIS code of the municipality where the post sits.' })
  municipalityNis?: string | null;

}

@InputType({ description: 'A new post (a function, never a person) of an organisation.' })
export class NewPostInput extends PostFields {
  @Field(() => ID, { nullable: true, description: 'Made from the organisation and title when left out.' })
  id?: string;

  @Field(() => ID)
  organisationId: string;

  @Field(() => PostFunction)
  function: PostFunction;

  @Field(() => String)
  title: string;

  @Field(() => [SourceInput])
  sources: SourceInput[];
}

@InputType({ description: 'Changes to a post. To end it, use endPost.' })
export class PostChanges extends PostFields {
  @Field(() => PostFunction, { nullable: true })
  function?: PostFunction;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => [SourceInput], { nullable: true })
  sources?: SourceInput[];
}

@InputType()
abstract class PostHolderFields {
  @Field(() => String, { nullable: true, description: 'A functional or direct mailbox.' })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => DateScalar, { nullable: true })
  validFrom?: Date | null;
}

@InputType({ description: 'Who holds a post from a date: personal data, visible only where docs/security.md allows.' })
export class NewPostHolderInput extends PostHolderFields {
  @Field(() => ID)
  postId: string;

  @Field(() => String)
  personName: string;

  @Field(() => Boolean, { nullable: true, description: 'Mark test persons fictional. Default false.' })
  fictional?: boolean;

  @Field(() => [SourceInput], { nullable: true, description: 'Where the appointment is documented, if anywhere public.' })
  sources?: SourceInput[];
}

@InputType({ description: 'Changes to who holds a post (corrections). A new holder is appointed, the old one ended.' })
export class PostHolderChanges extends PostHolderFields {
  @Field(() => String, { nullable: true })
  personName?: string;
}

@InputType({ description: 'A party to an agreement: an organisation, or a kind of partner where the text names none.' })
export class AgreementPartyInput {
  @Field(() => ID, { nullable: true })
  organisationId?: string | null;

  @Field(() => OrganisationKind, { nullable: true })
  partyKind?: OrganisationKind | null;

  @Field(() => String, { nullable: true })
  role?: string | null;

  @Field(() => [SourceInput], { nullable: true, description: 'Defaults to the agreement\'s sources.' })
  sources?: SourceInput[];
}

@InputType()
abstract class AgreementFields extends RecordFields {
  @Field(() => ID, { nullable: true, description: 'The agreement this protocol belongs to.' })
  parentId?: string | null;

  @Field(() => [String], { nullable: true })
  phenomena?: string[];

  @Field(() => [ID], { nullable: true, description: 'Ids of legal bases (legal subgraph).' })
  legalBasisIds?: string[];

  @Field(() => String, { nullable: true })
  forum?: string | null;

  @Field(() => [String], { nullable: true })
  conditions?: string[];

  @Field(() => String, { nullable: true, description: 'The text, for the parties and admins only.' })
  text?: string | null;

}

@InputType({ description: 'A new agreement or protocol. An editor\'s own organisation must be one of its parties.' })
export class NewAgreementInput extends AgreementFields {
  @Field(() => ID, { nullable: true, description: 'Made from the title when left out.' })
  id?: string;

  @Field(() => AgreementKind)
  kind: AgreementKind;

  @Field(() => String)
  title: string;

  @Field(() => [TerritoryRefInput])
  territory: TerritoryRefInput[];

  @Field(() => [AgreementPartyInput])
  parties: AgreementPartyInput[];

  @Field(() => [SourceInput])
  sources: SourceInput[];
}

@InputType({ description: 'Changes to an agreement or protocol. To end it, use endAgreement.' })
export class AgreementChanges extends AgreementFields {
  @Field(() => AgreementKind, { nullable: true })
  kind?: AgreementKind;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => [TerritoryRefInput], { nullable: true })
  territory?: TerritoryRefInput[];

  @Field(() => [AgreementPartyInput], { nullable: true, description: 'Replaces the parties, in this order.' })
  parties?: AgreementPartyInput[];

  @Field(() => [SourceInput], { nullable: true })
  sources?: SourceInput[];
}

@InputType()
abstract class SiteFields extends RecordFields {}

@InputType({ description: 'A new site of an organisation: its main location or an antenne.' })
export class NewSiteInput extends SiteFields {
  @Field(() => ID, { nullable: true, description: 'Made from the organisation and name when left out.' })
  id?: string;

  @Field(() => ID)
  organisationId: string;

  @Field(() => SiteKind)
  kind: SiteKind;

  @Field(() => String, { description: 'How the site is known, for example "Veilig Huis Limburg – antenne Genk".' })
  name: string;

  @Field(() => String, { description: 'NIS code of the municipality where the site is.' })
  municipalityNis: string;

  @Field(() => [SourceInput])
  sources: SourceInput[];
}

@InputType({ description: 'Changes to a site. To end it (no longer in use), use endSite. Its organisation does not change.' })
export class SiteChanges extends SiteFields {
  @Field(() => SiteKind, { nullable: true })
  kind?: SiteKind;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  municipalityNis?: string;

  @Field(() => [SourceInput], { nullable: true })
  sources?: SourceInput[];
}
