import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GovernmentLevel } from '../../_shared/enums';
import { DateScalar, Source, type SourceRecord } from '../../_shared/graphql-types';
import { PartialDate } from '../../_shared/validity-types';
import { Recorded } from '../../_shared/recorded';

export enum LegalBasisKind {
  WET = 'WET',
  DECREET = 'DECREET',
  KB = 'KB',
  BVR = 'BVR',
  OMZENDBRIEF = 'OMZENDBRIEF',
  COL = 'COL',
  RESOLUTIE = 'RESOLUTIE',
  SAMENWERKINGSAKKOORD = 'SAMENWERKINGSAKKOORD',
  BELEIDSKADER = 'BELEIDSKADER',
}
registerEnumType(LegalBasisKind, { name: 'LegalBasisKind', description: 'The kind of legal instrument.' });


@ObjectType({ description: 'An article of a legal basis that matters for cooperation.' })
export class Article {
  @Field(() => String, { description: 'Article number, for example "458ter".' })
  number: string;

  @Field(() => String, { nullable: true })
  subject?: string;

  @Field(() => [Source])
  sources: SourceRecord[];
}

@ObjectType({ description: 'A law, decree, royal decree, circular, COL, resolution or cooperation agreement.' })
@Directive('@key(fields: "id")')
@Entity({ name: 'legal_basis' })
export class LegalBasis extends Recorded {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Field(() => LegalBasisKind)
  @Column({ type: 'text' })
  kind: LegalBasisKind;

  @Field(() => GovernmentLevel)
  @Column({ type: 'text' })
  level: GovernmentLevel;

  @Field(() => String)
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', name: 'short_title', nullable: true })
  shortTitle: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the act, where the sources give the day; see `dateAsGiven` for a month or a year.' })
  @Column({ type: 'date', nullable: true })
  date: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Publication in the Belgisch Staatsblad, where the sources give the day; see `publicationDateAsGiven`.' })
  @Column({ type: 'date', name: 'publication_date', nullable: true })
  publicationDate: string | null;

  @Column({ type: 'text', name: 'date_edtf', nullable: true })
  dateEdtf: string | null;

  @Column({ type: 'text', name: 'publication_date_edtf', nullable: true })
  publicationDateEdtf: string | null;

  @Field(() => PartialDate, { nullable: true, description: 'Date of the act at the precision the sources give (a day, a month: "april 2024", a year); null where they give none.' })
  get dateAsGiven(): PartialDate | null {
    return this.dateEdtf ? new PartialDate({ edtf: this.dateEdtf, planned: false }) : null;
  }

  @Field(() => PartialDate, { nullable: true, description: 'Publication at the precision the sources give; null where they give none.' })
  get publicationDateAsGiven(): PartialDate | null {
    return this.publicationDateEdtf ? new PartialDate({ edtf: this.publicationDateEdtf, planned: false }) : null;
  }

  @Field(() => String, { nullable: true, description: 'European Legislation Identifier, where one exists.' })
  @Column({ type: 'text', nullable: true })
  eli: string | null;

  @Field(() => String, { nullable: true, description: 'Official URL where there is no ELI.' })
  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Field(() => [Article])
  @Column({ type: 'jsonb' })
  articles: Article[];
}
