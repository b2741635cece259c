import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations and the municipalities they serve (expanded from their declared territory at load time). */
export class InitialPartners1764000000000 implements MigrationInterface {
  name = 'InitialPartners1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partners.organisation (
        id text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        level text NOT NULL CHECK (level IN ('FEDERAL','FLEMISH','INTERFEDERAL','LOCAL','PRIVATE')),
        kbo text, ovo text,
        parent_id text REFERENCES partners.organisation(id),
        serves jsonb NOT NULL DEFAULT '[]',
        contact_points jsonb NOT NULL DEFAULT '[]',
        valid_from date, valid_to date,
        unconfirmed text[] NOT NULL DEFAULT '{}',
        note text,
        sources jsonb NOT NULL CHECK (jsonb_array_length(sources) > 0),
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from < valid_to));
      CREATE INDEX organisation_kind ON partners.organisation (kind);
      CREATE TABLE partners.organisation_municipality (
        organisation_id text NOT NULL REFERENCES partners.organisation(id) ON DELETE CASCADE,
        municipality_nis varchar(5) NOT NULL,
        PRIMARY KEY (organisation_id, municipality_nis));
      CREATE INDEX organisation_municipality_nis ON partners.organisation_municipality (municipality_nis);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE partners.organisation_municipality; DROP TABLE partners.organisation;');
  }
}
