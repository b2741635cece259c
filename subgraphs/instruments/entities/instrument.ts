import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { OrganisationKind } from '../../_shared/enums';
import { DateScalar, Source, type SourceRecord, TerritoryRef } from '../../_shared/graphql-types';
import { ServDimension, ServPrinciple } from './serv';
import { Editable } from '../../_shared/editing/editable';
import { PartialDate } from '../../_shared/validity-types';
import { isEdtf } from '../../../core/partial-date';

/** An EDTF date ("2025") or interval ("2018-09/2019-04") as its two ends; undefined for a period in words. */
function periodBounds(period: string | null): [PartialDate, PartialDate] | undefined {
  const [from, to = from] = (period ?? '').split('/');
  if (!from || !isEdtf(from) || !isEdtf(to)) return undefined;
  return [new PartialDate({ edtf: from, planned: false }), new PartialDate({ edtf: to, planned: false })];
}

export enum InstrumentKind {
  STRUCTURE = 'STRUCTURE',
  NETWORK = 'NETWORK',
  FORUM = 'FORUM',
  PROTOCOL = 'PROTOCOL',
  PLATFORM = 'PLATFORM',
  POST = 'POST',
  LEGAL_FRAMEWORK = 'LEGAL_FRAMEWORK',
  PLAN = 'PLAN',
  PROJECT = 'PROJECT',
}
registerEnumType(InstrumentKind, { name: 'InstrumentKind' });

@ObjectType({ description: 'A case analysed in the research report (SBV, 2025).' })
@Entity({ name: 'case' })
export class Case {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => [Source])
  @Column({ type: 'jsonb' })
  sources: SourceRecord[];
}

@ObjectType({ description: 'A cooperation instrument or network: a structure, forum, protocol, platform, post or plan.' })
@Directive('@key(fields: "id")')
@Entity({ name: 'instrument' })
export class Instrument extends Editable {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => InstrumentKind)
  @Column({ type: 'text' })
  kind: InstrumentKind;

  @Index()
  @Column({ type: 'text', name: 'case_id', nullable: true })
  caseId: string | null;

  /**
   * The agreement this instrument is (one record per real thing): its parties, legal bases and territory are the
   * agreement's (and its protocols'), copied here by the seed from that one place (docs/data.md).
   */
  @Column({ type: 'text', name: 'agreement_id', nullable: true })
  agreementId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => [ID], { description: 'Ids of the specific organisations taking part (see `partners` for the organisations).' })
  @Column({ type: 'text', array: true, name: 'partner_ids' })
  partnerIds: string[];

  @Field(() => [OrganisationKind], { description: 'Kinds of partner taking part, where the sources name them generically.' })
  @Column({ type: 'text', array: true, name: 'partner_kinds' })
  partnerKinds: OrganisationKind[];

  @Field(() => [TerritoryRef])
  @Column({ type: 'jsonb' })
  territory: TerritoryRef[];

  @Column({ type: 'text', array: true, name: 'legal_basis_ids' })
  legalBasisIds: string[];

  @Field(() => [String])
  @Column({ type: 'text', array: true })
  phenomena: string[];
}

@ObjectType({ description: 'The classification of an instrument in one cell of the SERV grid, for one case, with its evidence.' })
@Entity({ name: 'serv_classification' })
export class ServClassification {
  @PrimaryGeneratedColumn('identity')
  seq: number;

  @Index()
  @Column({ type: 'text', name: 'instrument_id' })
  instrumentId: string;

  @Column({ type: 'text', name: 'case_id', nullable: true })
  caseId: string | null;

  @Field(() => ServPrinciple)
  @Column({ type: 'text' })
  principle: ServPrinciple;

  @Field(() => ServDimension)
  @Column({ type: 'text' })
  dimension: ServDimension;

  @Field(() => [Source], { description: 'The evidence: section and verbatim quote.' })
  @Column({ type: 'jsonb' })
  sources: SourceRecord[];
}

@ObjectType({ description: 'A cell the report marks as absent for a case, with the evidence.' })
@Entity({ name: 'serv_absence' })
export class ServAbsence {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text', name: 'case_id' })
  caseId: string;

  @Field(() => ServPrinciple)
  @Column({ type: 'text' })
  principle: ServPrinciple;

  @Field(() => ServDimension)
  @Column({ type: 'text' })
  dimension: ServDimension;

  @Field(() => [Source])
  @Column({ type: 'jsonb' })
  sources: SourceRecord[];
}

@ObjectType({ description: 'A figure the sources give about an instrument: registrations, staffing, budget.' })
@Entity({ name: 'instrument_figure' })
export class InstrumentFigure {
  @PrimaryGeneratedColumn('identity')
  seq: number;

  @Index()
  @Column({ type: 'text', name: 'instrument_id' })
  instrumentId: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => Float)
  @Column({ type: 'numeric' })
  value: number;

  @Field(() => String)
  @Column({ type: 'text' })
  unit: string;

  @Field(() => String, { nullable: true, description: 'The period the figure covers, as the source states it: an EDTF date or interval ("2025", "2018-09/2019-04") where it can be one, else words ("vanaf medio 2021").' })
  @Column({ type: 'text', nullable: true })
  period: string | null;

  @Field(() => PartialDate, { nullable: true, description: 'Where the period starts, at the precision the source gives; null where the period is words only.' })
  get periodStart(): PartialDate | null {
    return periodBounds(this.period)?.[0] ?? null;
  }

  @Field(() => PartialDate, { nullable: true, description: 'Where the period ends (the month or year it ends in), at the precision the source gives.' })
  get periodEnd(): PartialDate | null {
    return periodBounds(this.period)?.[1] ?? null;
  }

  @Field(() => DateScalar, { nullable: true, description: 'The date the figure refers to (for example a visit date).' })
  @Column({ type: 'date', nullable: true })
  date: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => [Source])
  @Column({ type: 'jsonb' })
  sources: SourceRecord[];
}
