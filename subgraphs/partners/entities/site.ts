import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Editable } from '../../_shared/editing/editable';

export enum SiteKind {
  MAIN = 'MAIN',
  ANTENNE = 'ANTENNE',
}
registerEnumType(SiteKind, { name: 'SiteKind', description: 'A main location or an antenne of a service.' });

@ObjectType({ description: 'A location of an organisation: a main location or an antenne. Its editors keep it current (createSite, updateSite, endSite, confirmSite).' })
@Entity({ name: 'site' })
export class Site extends Editable {
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
}
