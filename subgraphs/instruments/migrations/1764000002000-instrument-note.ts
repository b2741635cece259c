import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Instruments carry a note explaining derived or unconfirmed facts, as other records do. */
export class InstrumentNote1764000002000 implements MigrationInterface {
  name = 'InstrumentNote1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE instruments.instrument ADD COLUMN note text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE instruments.instrument DROP COLUMN note');
  }
}
