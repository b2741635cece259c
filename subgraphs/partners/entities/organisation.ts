import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GovernmentLevel, OrganisationKind } from '../../_shared/enums';
import { Source, type SourceRecord, TerritoryRef } from '../../_shared/graphql-types';
import { Editable } from '../../_shared/editing/editable';

export enum ContactPointKind {
  ADDRESS = 'ADDRESS',
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  WEBSITE = 'WEBSITE',
}
registerEnumType(ContactPointKind, { name: 'ContactPointKind' });

@ObjectType({ description: 'A public, functional contact point of an organisation (never a person\'s own contact).' })
export class ContactPoint {
  @Field(() => ContactPointKind)
  kind: ContactPointKind;

  @Field(() => String)
  value: string;

  @Field(() => String, { nullable: true, description: 'What to know about it, in Dutch (for example "gratis nummer, niet voor noodoproepen").' })
  note?: string;

  @Field(() => [Source])
  sources: SourceRecord[];
}

@ObjectType({ description: 'An organisation taking part in cooperation: a service, a prosecution office, a police zone, a network.' })
@Directive('@key(fields: "id")')
@Entity({ name: 'organisation' })
export class Organisation extends Editable {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => OrganisationKind)
  @Index()
  @Column({ type: 'text' })
  kind: OrganisationKind;

  @Field(() => GovernmentLevel)
  @Column({ type: 'text' })
  level: GovernmentLevel;

  @Field(() => String, { nullable: true, description: 'KBO enterprise number, where public.' })
  @Column({ type: 'text', nullable: true })
  kbo: string | null;

  @Field(() => String, { nullable: true, description: 'OVO code of the Flemish government, where public.' })
  @Column({ type: 'text', nullable: true })
  ovo: string | null;

  @Column({ type: 'text', name: 'parent_id', nullable: true })
  parentId: string | null;

  @Field(() => [TerritoryRef], { description: 'The territories the organisation serves, as the sources state them.' })
  @Column({ type: 'jsonb' })
  serves: TerritoryRef[];

  @Field(() => [ContactPoint])
  @Column({ type: 'jsonb', name: 'contact_points' })
  contactPoints: ContactPoint[];
}

/** The municipalities an organisation serves, expanded from `serves` when the data is loaded. */
@Entity({ name: 'organisation_municipality' })
export class OrganisationMunicipality {
  @PrimaryColumn({ type: 'text', name: 'organisation_id' })
  organisationId: string;

  @Index()
  @PrimaryColumn({ type: 'varchar', length: 5, name: 'municipality_nis' })
  municipalityNis: string;
}
