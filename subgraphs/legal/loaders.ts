import type { DataSource } from 'typeorm';
import { rowsByKey, rowsGroupedBy } from '../_shared/loaders';
import { LegalBasis } from './entities/legal-basis';
import { LegalRelation } from './entities/legal-relation';

export function createLegalLoaders(db: DataSource) {
  return {
    legalBasis: rowsByKey(db, LegalBasis, 'id'),
    relationsFrom: rowsGroupedBy(db, LegalRelation, 'fromId'),
    relationsTo: rowsGroupedBy(db, LegalRelation, 'toId'),
  };
}

export type LegalLoaders = ReturnType<typeof createLegalLoaders>;
