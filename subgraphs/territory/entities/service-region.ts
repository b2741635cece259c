import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Source, type SourceRecord, TerritoryRef } from '../../_shared/graphql-types';
import { Recorded } from '../../_shared/recorded';

export enum ServiceRegionKind {
  VEILIG_HUIS_REGION = 'VEILIG_HUIS_REGION',
  ARIEC_AREA = 'ARIEC_AREA',
  GEZIN_PLAN_NETWORK = 'GEZIN_PLAN_NETWORK',
}
registerEnumType(ServiceRegionKind, { name: 'ServiceRegionKind' });

@ObjectType({ description: 'A service region: a union of municipalities served by one structure (Veilig Huis, ARIEC, ...).' })
@Entity({ name: 'service_region' })
export class ServiceRegion extends Recorded {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Field(() => ServiceRegionKind)
  @Column({ type: 'text' })
  kind: ServiceRegionKind;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => [TerritoryRef], { description: 'The areas the region is the union of, as the sources define it.' })
  @Column({ type: 'jsonb', name: 'defined_as' })
  definedAs: TerritoryRef[];
}

export enum AreaKind {
  JUDICIAL_DIVISION = 'JUDICIAL_DIVISION',
  VEILIG_HUIS_REGION = 'VEILIG_HUIS_REGION',
  ARIEC_AREA = 'ARIEC_AREA',
  GEZIN_PLAN_NETWORK = 'GEZIN_PLAN_NETWORK',
}
registerEnumType(AreaKind, { name: 'AreaKind', description: 'A kind of area every municipality is expected to lie in.' });

@ObjectType({ description: 'An area of some kind that the sources leave unsettled for a municipality: served as unknown, with the reason.' })
@Entity({ name: 'unsettled_area' })
export class UnsettledArea {
  @Field(() => AreaKind)
  @PrimaryColumn({ type: 'text' })
  kind: AreaKind;

  @PrimaryColumn({ type: 'varchar', length: 5, name: 'municipality_nis' })
  municipalityNis: string;

  @Field(() => String, { description: 'Why the sources do not settle it.' })
  @Column({ type: 'text' })
  note: string;

  @Field(() => [Source])
  @Column({ type: 'jsonb' })
  sources: SourceRecord[];
}

@Entity({ name: 'service_region_member' })
export class ServiceRegionMember {
  @PrimaryColumn({ type: 'text', name: 'region_id' })
  regionId: string;

  @Index()
  @PrimaryColumn({ type: 'varchar', length: 5, name: 'municipality_nis' })
  municipalityNis: string;
}
