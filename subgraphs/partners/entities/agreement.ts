import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../_shared/graphql-types';
import { OrganisationKind } from '../../_shared/enums';
import { Source, type SourceRecord, TerritoryRef } from '../../_shared/graphql-types';
import { Editable } from '../../_shared/editing/editable';

export enum AgreementKind {
  KADEROVEREENKOMST = 'KADEROVEREENKOMST',
  PROTOCOL = 'PROTOCOL',
  SAMENWERKINGSAKKOORD = 'SAMENWERKINGSAKKOORD',
}
registerEnumType(AgreementKind, { name: 'AgreementKind' });

@ObjectType({ description: 'A kaderovereenkomst, protocol or samenwerkingsakkoord between partners.' })
@Directive('@key(fields: "id")')
@Entity({ name: 'agreement' })
export class Agreement extends Editable {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Field(() => AgreementKind)
  @Column({ type: 'text' })
  kind: AgreementKind;

  @Field(() => String)
  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', name: 'parent_id', nullable: true })
  parentId: string | null;

  @Field(() => [TerritoryRef], { description: 'The territory the agreement covers, as the sources state it.' })
  @Column({ type: 'jsonb' })
  territory: TerritoryRef[];

  @Field(() => [String], { description: 'Phenomena in scope (intrafamiliaal-geweld, ondermijning, …).' })
  @Column({ type: 'text', array: true })
  phenomena: string[];

  @Column({ type: 'text', array: true, name: 'legal_basis_ids' })
  legalBasisIds: string[];

  @Field(() => String, { nullable: true, description: 'The forum the agreement organises (for example casusoverleg).' })
  @Column({ type: 'text', nullable: true })
  forum: string | null;

  /** Restricted: served by AgreementTextResolver, for the agreement's parties and admins only. */
  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Field(() => [String], { description: 'Conditions and obligations the sources state.' })
  @Column({ type: 'text', array: true })
  conditions: string[];
}

/**
 * Whether a named organisation holds its side of an agreement. Access to another party's restricted data comes
 * only from parties that both hold it (docs/security.md), so a party someone else named waits for its own editors.
 */
export enum PartyConfirmation {
  CONFIRMED = 'CONFIRMED',
  PENDING = 'PENDING',
  DECLINED = 'DECLINED',
}
registerEnumType(PartyConfirmation, {
  name: 'PartyConfirmation',
  description: 'Whether a named organisation holds its side of an agreement.',
  valuesConfig: {
    CONFIRMED: { description: 'Confirmed by its own editors, an admin, or the curated seed files.' },
    PENDING: { description: 'Named by another party, not yet confirmed by the organisation itself: grants nothing.' },
    DECLINED: { description: 'Refused (or withdrawn) by the organisation itself: grants nothing.' },
  },
});

/** Who set a party's confirmation state. */
export enum ConfirmationSetBy {
  SEED = 'SEED',
  ADMIN = 'ADMIN',
  EDITOR = 'EDITOR',
}
registerEnumType(ConfirmationSetBy, { name: 'ConfirmationSetBy', description: 'Who set a party\'s confirmation state: the curated seed files, an admin, or an editor of the organisation.' });

@ObjectType({ description: 'A party to an agreement: a named organisation, or a kind of partner where the source names none.' })
@Entity({ name: 'agreement_party' })
export class AgreementParty {
  @PrimaryColumn({ type: 'text', name: 'agreement_id' })
  agreementId: string;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Index()
  @Column({ type: 'text', name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Field(() => OrganisationKind, { nullable: true, description: 'Set where the source names a kind of partner, not an organisation.' })
  @Column({ type: 'text', name: 'party_kind', nullable: true })
  partyKind: OrganisationKind | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  role: string | null;

  @Field(() => [Source])
  @Column({ type: 'jsonb' })
  sources: SourceRecord[];

  @Field(() => PartyConfirmation, { nullable: true, description: 'Whether the named organisation holds its side of the agreement; null for a kind of partner.' })
  @Column({ type: 'text', nullable: true })
  confirmation: PartyConfirmation | null;

  @Field(() => ConfirmationSetBy, { nullable: true, description: 'Who set the confirmation state (for a pending party: whose write named it or asked it again); null where the registry does not know.' })
  @Column({ type: 'text', name: 'confirmation_by_role', nullable: true })
  confirmationByRole: ConfirmationSetBy | null;

  @Field(() => ID, { name: 'confirmationByOrganisationId', nullable: true, description: 'The organisation whose editor set the confirmation state, where an editor did.' })
  @Column({ type: 'text', name: 'confirmation_by_org', nullable: true })
  confirmationByOrg: string | null;

  /** The writer's subject, for the audit trail: not served (who, personally, is not a fact of the agreement). */
  @Column({ type: 'text', name: 'confirmation_by_subject', nullable: true })
  confirmationBySubject: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the confirmation state was set; null for the seed files and where the registry does not know.' })
  @Column({ type: 'timestamptz', name: 'confirmation_at', nullable: true })
  confirmationAt: Date | null;
}

@Entity({ name: 'agreement_municipality' })
export class AgreementMunicipality {
  @PrimaryColumn({ type: 'text', name: 'agreement_id' })
  agreementId: string;

  @Index()
  @PrimaryColumn({ type: 'varchar', length: 5, name: 'municipality_nis' })
  municipalityNis: string;
}
