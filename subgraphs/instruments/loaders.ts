import { InstrumentRelationRow } from './entities/instrument-relation';
import type { DataSource } from 'typeorm';
import { type LoaderReads, NO_SHARED_READS } from '../_shared/shared-reads';
import { groupLoader, rowsAtEitherEnd, rowsByKey, rowsGroupedBy } from '../_shared/loaders';
import { Case, Instrument, InstrumentFigure, ServClassification } from './entities/instrument';

export function createInstrumentsLoaders(db: DataSource, reads: LoaderReads = NO_SHARED_READS) {
  const instruments = db.getRepository(Instrument);
  return {
    instrument: rowsByKey(db, Instrument, 'id', reads.section('instrument')),
    case: rowsByKey(db, Case, 'id', reads.section('case')),
    classificationsOfInstrument: rowsGroupedBy(db, ServClassification, 'instrumentId', { seq: 'ASC' }, reads.section('classificationsOfInstrument')),
    figuresOfInstrument: rowsGroupedBy(db, InstrumentFigure, 'instrumentId', { seq: 'ASC' }, reads.section('figuresOfInstrument')),
    /** Both directions: a relation is listed on each of its two instruments. */
    relationsOfInstrument: rowsAtEitherEnd(db, InstrumentRelationRow, ['fromId', 'toId'], { type: 'ASC', toId: 'ASC' }, reads.section('relationsOfInstrument')),
    instrumentsOfPartner: groupLoader<string, Instrument>(
      (ids) => instruments.createQueryBuilder('i').where('i.partner_ids && :ids', { ids }).orderBy('i.name').getMany(),
      (row) => row.partnerIds,
      reads.section('instrumentsOfPartner'),
    ),
  };
}

export type InstrumentsLoaders = ReturnType<typeof createInstrumentsLoaders>;
