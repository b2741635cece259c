import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An act's own date and its publication at the precision the sources give: "Koninklijke Besluiten van april 2024"
 * is `2024-04`, a circular known by its number (COL 18/2012) `2012`. The day columns stay for what is a day; the
 * EDTF columns hold every date, and agree with the day where there is one.
 */
export class PartialActDates1764000029000 implements MigrationInterface {
  name = 'PartialActDates1764000029000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE legal.legal_basis
        ADD COLUMN date_edtf text CHECK (date_edtf ~ '^\\d{4}(-\\d{2}(-\\d{2})?)?$'),
        ADD COLUMN publication_date_edtf text CHECK (publication_date_edtf ~ '^\\d{4}(-\\d{2}(-\\d{2})?)?$')`);
    await q.query(`UPDATE legal.legal_basis SET date_edtf = to_char(date, 'YYYY-MM-DD') WHERE date IS NOT NULL`);
    await q.query(`UPDATE legal.legal_basis SET publication_date_edtf = to_char(publication_date, 'YYYY-MM-DD') WHERE publication_date IS NOT NULL`);
    await q.query(`
      ALTER TABLE legal.legal_basis
        ADD CONSTRAINT legal_basis_date_agrees CHECK (date IS NULL OR date_edtf = to_char(date, 'YYYY-MM-DD')),
        ADD CONSTRAINT legal_basis_publication_date_agrees CHECK (publication_date IS NULL OR publication_date_edtf = to_char(publication_date, 'YYYY-MM-DD'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE legal.legal_basis DROP COLUMN date_edtf, DROP COLUMN publication_date_edtf`);
  }
}
