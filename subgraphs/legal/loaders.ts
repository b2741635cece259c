import type { DataSource } from 'typeorm';
import { type LoaderReads, NO_SHARED_READS } from '../_shared/shared-reads';
import { rowsByKey, rowsGroupedBy } from '../_shared/loaders';
import { LegalBasis } from './entities/legal-basis';
import { LegalRelation } from './entities/legal-relation';

export function createLegalLoaders(db: DataSource, reads: LoaderReads = NO_SHARED_READS) {
  return {
    legalBasis: rowsByKey(db, LegalBasis, 'id', reads.section('legalBasis')),
    relationsFrom: rowsGroupedBy(db, LegalRelation, 'fromId', undefined, reads.section('relationsFrom')),
    relationsTo: rowsGroupedBy(db, LegalRelation, 'toId', undefined, reads.section('relationsTo')),
  };
}

export type LegalLoaders = ReturnType<typeof createLegalLoaders>;
