import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations that succeed each other (renamed, merged, split, absorbed, or unsettled), dated and sourced. */
export class OrganisationSuccession1764000016000 implements MigrationInterface {
  name = 'OrganisationSuccession1764000016000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partners.organisation_succession (
        predecessor_id text NOT NULL REFERENCES partners.organisation(id) ON DELETE CASCADE,
        successor_id text NOT NULL REFERENCES partners.organisation(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('RENAMED', 'MERGED', 'SPLIT', 'ABSORBED', 'UNSETTLED')),
        date_edtf text CHECK (date_edtf ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'),
        note text,
        sources jsonb NOT NULL CHECK (jsonb_array_length(sources) > 0),
        PRIMARY KEY (predecessor_id, successor_id),
        CHECK (predecessor_id <> successor_id));
      CREATE INDEX organisation_succession_successor ON partners.organisation_succession (successor_id);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partners.organisation_succession`);
  }
}
