import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { Source, type SourceRecord } from '../../_shared/graphql-types';

@ObjectType({ description: 'A postcode and locality within a municipality (BeST address data).' })
@Entity({ name: 'postcode' })
export class Postcode {
  @Field(() => String)
  @PrimaryColumn({ type: 'varchar', length: 4 })
  postcode: string;

  @Index()
  @PrimaryColumn({ type: 'varchar', length: 5, name: 'municipality_nis' })
  municipalityNis: string;

  @Field(() => String, { description: 'Locality name as in the BeST address register.' })
  @PrimaryColumn({ type: 'text' })
  locality: string;

  @Field(() => [Source])
  @Column({ type: 'jsonb' })
  sources: SourceRecord[];
}

@ObjectType({ description: 'A municipality that ceased to exist by a merger (1 January 2025), with its successor.' })
@Entity({ name: 'former_municipality' })
export class FormerMunicipality {
  @Field(() => String)
  @PrimaryColumn({ type: 'varchar', length: 5 })
  nis: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Index()
  @Column({ type: 'text', name: 'name_key' })
  nameKey: string;

  @Column({ type: 'varchar', length: 5, name: 'successor_nis' })
  successorNis: string;

  @Field(() => [Source])
  @Column({ type: 'jsonb' })
  sources: SourceRecord[];
}
