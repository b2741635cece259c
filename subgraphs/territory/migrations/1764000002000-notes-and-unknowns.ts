import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keeps how a service region is defined (the judicial areas or municipalities it is the union of), and
 * what the seed files say about doubt: notes and unconfirmed fields on areas and regions, and the
 * municipalities whose area of some kind the sources leave unsettled, with the reason, so that the hub can
 * answer "unknown, because …" instead of a bare null.
 */
export class NotesAndUnknowns1764000002000 implements MigrationInterface {
  name = 'NotesAndUnknowns1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE territory.judicial_arrondissement ADD COLUMN note text;
      ALTER TABLE territory.judicial_division ADD COLUMN seat text, ADD COLUMN note text;
      ALTER TABLE territory.service_region ADD COLUMN unconfirmed text[] NOT NULL DEFAULT '{}', ADD COLUMN note text,
        ADD COLUMN defined_as jsonb NOT NULL DEFAULT '[]';
      CREATE TABLE territory.unsettled_area (
        kind text NOT NULL CHECK (kind IN ('JUDICIAL_DIVISION', 'VEILIG_HUIS_REGION', 'ARIEC_AREA', 'GEZIN_PLAN_NETWORK')),
        municipality_nis varchar(5) NOT NULL REFERENCES territory.municipality(nis),
        note text NOT NULL,
        sources jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (kind, municipality_nis));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE territory.unsettled_area;
      ALTER TABLE territory.service_region DROP COLUMN unconfirmed, DROP COLUMN note, DROP COLUMN defined_as;
      ALTER TABLE territory.judicial_division DROP COLUMN seat, DROP COLUMN note;
      ALTER TABLE territory.judicial_arrondissement DROP COLUMN note;
    `);
  }
}
