import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An instrument that is an agreement points to it (one record per real thing) instead of repeating it. */
export class InstrumentAgreement1764000017000 implements MigrationInterface {
  name = 'InstrumentAgreement1764000017000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE instruments.instrument ADD COLUMN agreement_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE instruments.instrument DROP COLUMN agreement_id`);
  }
}
