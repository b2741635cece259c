import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, Source, type SourceRecord } from '../../_shared/graphql-types';

export enum Region {
  FLANDERS = 'FLANDERS',
  BRUSSELS = 'BRUSSELS',
}
registerEnumType(Region, { name: 'Region', description: 'The region a municipality lies in.' });

@ObjectType({ description: 'A municipality as of 1 January 2025 (after the mergers), identified by its NIS code.' })
@Directive('@key(fields: "nis")')
@Entity({ name: 'municipality' })
export class Municipality {
  @Field(() => ID, { description: 'NIS code (Statbel), for example 71022 for Hasselt.' })
  @PrimaryColumn({ type: 'varchar', length: 5 })
  nis: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  /** Lower-case, accent-free name used for matching what users type. */
  @Index()
  @Column({ type: 'text', name: 'name_key' })
  nameKey: string;

  @Field(() => Region)
  @Column({ type: 'text' })
  region: Region;

  @Column({ type: 'text', name: 'province_id', nullable: true })
  provinceId: string | null;

  @Column({ type: 'text', name: 'arrondissement_id' })
  arrondissementId: string;

  @Column({ type: 'text', name: 'police_zone_id' })
  policeZoneId: string;

  @Column({ type: 'text', name: 'eerstelijnszone_id' })
  eerstelijnszoneId: string;

  @Column({ type: 'text', name: 'judicial_arrondissement_id', nullable: true })
  judicialArrondissementId: string | null;

  @Column({ type: 'text', name: 'judicial_division_id', nullable: true })
  judicialDivisionId: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date from which the municipality exists in this form.' })
  @Column({ type: 'date', name: 'valid_from', nullable: true })
  validFrom: string | null;

  @Field(() => [Source])
  @Column({ type: 'jsonb' })
  sources: SourceRecord[];
}
