import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropPartialValidityDdl, partialValidityDdl } from '../../_shared/partial-validity-ddl';

/** Validity at the precision the sources give (a day, a month, a year; planned or not): docs/data.md, "Dates". */
export class PartialDates1764000013000 implements MigrationInterface {
  name = 'PartialDates1764000013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(partialValidityDdl('legal.legal_basis'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(dropPartialValidityDdl('legal.legal_basis'));
  }
}
