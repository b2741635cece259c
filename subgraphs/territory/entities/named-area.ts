import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Source, type SourceRecord } from '../../_shared/graphql-types';

/**
 * The territorial units that are plain named areas with a source: provinces, administrative arrondissements,
 * police zones, eerstelijnszones, judicial arrondissements and divisions. Each is its own table and type; they
 * share these columns.
 */
@ObjectType()
export abstract class NamedArea {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => [Source])
  @Column({ type: 'jsonb' })
  sources: SourceRecord[];
}

@ObjectType({ description: 'A province (or the Brussels-Capital Region, which has none).' })
@Entity({ name: 'province' })
export class Province extends NamedArea {
  @Field(() => String, { description: 'NIS code of the province.' })
  @Column({ type: 'text' })
  nis: string;
}

@ObjectType({ description: 'An administrative arrondissement (NIS).' })
@Entity({ name: 'administrative_arrondissement' })
export class AdministrativeArrondissement extends NamedArea {
  @Field(() => String, { description: 'NIS code of the arrondissement.' })
  @Column({ type: 'text' })
  nis: string;

  @Column({ type: 'text', name: 'province_id', nullable: true })
  provinceId: string | null;
}

@ObjectType({ description: 'A local police zone.' })
@Entity({ name: 'police_zone' })
export class PoliceZone extends NamedArea {
  @Field(() => String, {
    nullable: true,
    description: 'The official police zone number (for example 5380), or null where no public source was found.',
  })
  @Column({ type: 'text', name: 'zone_number', nullable: true })
  zoneNumber: string | null;
}

@ObjectType({ description: 'An eerstelijnszone (primary care zone).' })
@Entity({ name: 'eerstelijnszone' })
export class Eerstelijnszone extends NamedArea {}

@ObjectType({ description: 'A judicial arrondissement (gerechtelijk arrondissement).' })
@Entity({ name: 'judicial_arrondissement' })
export class JudicialArrondissement extends NamedArea {
  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}

@ObjectType({ description: 'A division (afdeling) of a judicial arrondissement.' })
@Entity({ name: 'judicial_division' })
export class JudicialDivision extends NamedArea {
  @Column({ type: 'text', name: 'arrondissement_id' })
  arrondissementId: string;

  @Field(() => String, { nullable: true, description: 'Where the division sits, as the sources name it.' })
  @Column({ type: 'text', nullable: true })
  seat: string | null;

  @Field(() => String, { nullable: true, description: 'How the division\'s municipalities were established, and any doubt.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
