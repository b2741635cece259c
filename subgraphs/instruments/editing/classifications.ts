import { Arg, Ctx, Directive, Field, ID, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { SourceInput, toSourceRecords } from '../../_shared/editing/inputs';
import { InputProblems } from '../../_shared/editing/problems';
import { type RecordSpec, changeRecord, confirmRecord, refuseUnlessOwned } from '../../_shared/editing/record-writes';
import { changesSince, staleIn } from '../../_shared/journal/feed';
import { AuditEntry, auditEntriesSince } from '../../_shared/journal/audit-entry';
import { Change, RecordType, StaleRecord } from '../../_shared/journal/types';
import { DateScalar, DateTimeScalar, type SourceRecord } from '../../_shared/graphql-types';
import type { SubgraphContext } from '../../_shared/subgraph';
import { today, toIsoDate } from '../../../core/dates';
import { Case, Instrument, ServClassification } from '../entities/instrument';
import { ServDimension, ServPrinciple, isServCell } from '../entities/serv';
import type { InstrumentsLoaders } from '../loaders';

type Ctx = SubgraphContext<InstrumentsLoaders>;

@InputType({ description: 'One cell of the SERV grid an instrument is classified in, with the evidence (section and verbatim quote).' })
export class ServClassificationInput {
  @Field(() => ServPrinciple)
  principle: ServPrinciple;

  @Field(() => ServDimension)
  dimension: ServDimension;

  @Field(() => ID, { nullable: true, description: 'The report case the classification is made for, if any.' })
  caseId?: string | null;

  @Field(() => [SourceInput], { description: 'At least one with a locator (section) and a verbatim quote.' })
  sources: SourceInput[];
}

interface ClassificationRow {
  principle: ServPrinciple;
  dimension: ServDimension;
  caseId: string | null;
  sources: SourceRecord[];
}

/** An instrument as written: `classifications` is set when they change. */
type InstrumentDraft = Instrument & { classifications?: ClassificationRow[] };

async function classificationsOf(tx: EntityManager, instrumentId: string): Promise<ClassificationRow[]> {
  const rows = await tx.getRepository(ServClassification).find({ where: { instrumentId }, order: { seq: 'ASC' } });
  return rows.map(({ principle, dimension, caseId, sources }) => ({ principle, dimension, caseId, sources }));
}

const instrumentSpec: RecordSpec<InstrumentDraft> = {
  type: RecordType.INSTRUMENT,
  schema: 'instruments',
  entity: Instrument,
  // An instrument's editors are those of the organisations taking part in it.
  owners: (i) => i.partnerIds,
  async visible(i, tx) {
    const { classifications, ...instrument } = i;
    return { ...instrument, classifications: classifications ?? (await classificationsOf(tx, i.id)) };
  },
  async afterWrite(i, tx) {
    if (!i.classifications) return;
    await tx.query('DELETE FROM instruments.serv_classification WHERE instrument_id = $1', [i.id]);
    if (i.classifications.length) {
      await tx.getRepository(ServClassification).insert(i.classifications.map((c) => ({ ...c, instrumentId: i.id }) as ServClassification));
    }
  },
};

/** Every classification must sit in a cell of the grid, once, for a known case, with its evidence. */
async function checkedClassifications(ctx: Ctx, input: ServClassificationInput[]): Promise<ClassificationRow[]> {
  const problems = new InputProblems();
  const seen = new Set<string>();
  const rows: ClassificationRow[] = [];
  for (const [i, c] of input.entries()) {
    const at = `classifications[${i}]`;
    if (!isServCell(c.principle, c.dimension)) problems.add(at, 'NOT_A_SERV_CELL', `${c.principle} × ${c.dimension} is geen cel van het SERV-raster`);
    const key = `${c.principle}|${c.dimension}|${c.caseId ?? ''}`;
    if (seen.has(key)) problems.add(at, 'REPEATED', `herhaalt ${c.principle} × ${c.dimension}${c.caseId ? ` voor casus ${c.caseId}` : ''}`);
    seen.add(key);
    if (c.caseId && !(await ctx.db.getRepository(Case).exists({ where: { id: c.caseId } }))) problems.add(`${at}.caseId`, 'UNKNOWN_REFERENCE', `noemt een casus die het register niet kent: "${c.caseId}"`);
    const sources = toSourceRecords(c.sources);
    if (!sources.some((s) => (s.document || s.url) && s.locator && s.quote)) {
      problems.add(`${at}.sources`, 'SOURCE_REQUIRED', 'heeft minstens één bron nodig: een document of URL, een vindplaats (sectie) en het letterlijke citaat dat de classificatie staaft');
    }
    rows.push({ principle: c.principle, dimension: c.dimension, caseId: c.caseId ?? null, sources });
  }
  problems.throwIfAny();
  return rows;
}

@Resolver()
export class InstrumentEditingResolver {
  @Mutation(() => Instrument, { nullable: true, description: 'Replaces the SERV classifications of an instrument (editors of a partner in it, admins). The earlier ones stay in its history.' })
  async setInstrumentClassifications(
    @Arg('instrumentId', () => ID) instrumentId: string,
    @Arg('version', () => Int, { description: 'The version the change was made on (optimistic concurrency).' }) version: number,
    @Arg('classifications', () => [ServClassificationInput]) classifications: ServClassificationInput[],
    @Ctx() ctx: Ctx,
  ): Promise<Instrument> {
    // Whose instrument it is comes first: an editor of another organisation learns nothing from the validation.
    await refuseUnlessOwned(ctx, instrumentSpec, instrumentId);
    const rows = await checkedClassifications(ctx, classifications);
    return changeRecord(ctx, instrumentSpec, instrumentId, version, (current) => ({ ...current, classifications: rows }));
  }

  @Mutation(() => Instrument, { nullable: true, description: 'Confirms that an instrument is still as recorded, without changing it.' })
  confirmInstrument(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return confirmRecord(ctx, instrumentSpec, id, today());
  }

  // Service-to-service: the partners subgraph merges these into the registry-wide feed and freshness list.
  @Query(() => [Change], { description: 'This subgraph\'s part of the change feed (see Query.changes).' })
  @Directive('@inaccessible')
  instrumentChanges(
    @Arg('since', () => DateTimeScalar) since: Date,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('first', () => Int) first: number,
    @Ctx() ctx: Ctx,
  ): Promise<Change[]> {
    return changesSince(ctx.db, 'instruments', { since, after, limit: Math.min(first, 501), hidden: [] });
  }

  @Query(() => [AuditEntry], { nullable: true, description: 'This subgraph\'s part of the audit trail (see Query.auditLog).' })
  @Directive('@inaccessible')
  instrumentsAuditLog(@Arg('since', () => DateTimeScalar, { nullable: true }) since: Date | null, @Ctx() ctx: Ctx) {
    return auditEntriesSince(ctx.db, 'instruments', since);
  }

  @Query(() => [StaleRecord], { nullable: true, description: 'This subgraph\'s part of the freshness list (see Query.staleRecords).' })
  @Directive('@inaccessible')
  staleInstruments(@Arg('before', () => DateScalar) before: Date, @Arg('organisationId', () => ID, { nullable: true }) organisationId: string | null, @Ctx() ctx: Ctx) {
    return staleIn(
      ctx.db,
      { type: RecordType.INSTRUMENT, table: 'instruments.instrument', label: 'r.name', owners: 'r.partner_ids', sources: 'r.sources' },
      toIsoDate(before),
      organisationId,
    );
  }
}
