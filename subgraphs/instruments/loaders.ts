import { InstrumentRelationRow } from './entities/instrument-relation';
import type { DataSource } from 'typeorm';
import { groupLoader, rowsAtEitherEnd, rowsByKey, rowsGroupedBy } from '../_shared/loaders';
import { Case, Instrument, InstrumentFigure, ServClassification } from './entities/instrument';

export function createInstrumentsLoaders(db: DataSource) {
  const instruments = db.getRepository(Instrument);
  return {
    instrument: rowsByKey(db, Instrument, 'id'),
    case: rowsByKey(db, Case, 'id'),
    classificationsOfInstrument: rowsGroupedBy(db, ServClassification, 'instrumentId', { seq: 'ASC' }),
    figuresOfInstrument: rowsGroupedBy(db, InstrumentFigure, 'instrumentId', { seq: 'ASC' }),
    /** Both directions: a relation is listed on each of its two instruments. */
    relationsOfInstrument: rowsAtEitherEnd(db, InstrumentRelationRow, ['fromId', 'toId'], { type: 'ASC', toId: 'ASC' }),
    instrumentsOfPartner: groupLoader<string, Instrument>(
      (ids) => instruments.createQueryBuilder('i').where('i.partner_ids && :ids', { ids }).orderBy('i.name').getMany(),
      (row) => row.partnerIds,
    ),
  };
}

export type InstrumentsLoaders = ReturnType<typeof createInstrumentsLoaders>;
