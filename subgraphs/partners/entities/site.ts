import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, Source, type SourceRecord } from '../../_shared/graphql-types';

export enum SiteKind {
  MAIN = 'MAIN',
  ANTENNE = 'ANTENNE',
}
registerEnumType(SiteKind, { name: 'SiteKind', description: 'A main location or an antenne of a service.' });

@ObjectType({ description: 'A location of an organisation: a Veilig Huis main location or antenne.' })
@Entity({ name: 'site' })
export class Site {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Index()
  @Column({ type: 'text', name: 'organisation_id' })
  organisationId: string;

  @Field(() => SiteKind)
  @Column({ type: 'text' })
  kind: SiteKind;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 5, name: 'municipality_nis' })
  municipalityNis: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', name: 'valid_from', nullable: true })
  validFrom: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', name: 'valid_to', nullable: true })
  validTo: string | null;

  @Field(() => [String], { description: 'Fields the sources do not confirm.' })
  @Column({ type: 'text', array: true })
  unconfirmed: string[];

  @Field(() => String, { nullable: true, description: 'How a derived or unconfirmed fact was established.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => [Source])
  @Column({ type: 'jsonb' })
  sources: SourceRecord[];
}
