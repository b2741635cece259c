import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Legal bases and the relations between them (replaces, implements, amends, inserts). */
export class InitialLegal1764000000000 implements MigrationInterface {
  name = 'InitialLegal1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE legal.legal_basis (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('WET','DECREET','KB','BVR','OMZENDBRIEF','COL','RESOLUTIE','SAMENWERKINGSAKKOORD','BELEIDSKADER')),
        level text NOT NULL CHECK (level IN ('FEDERAL','FLEMISH','INTERFEDERAL','LOCAL','PRIVATE')),
        title text NOT NULL, short_title text,
        date date, publication_date date, valid_from date, valid_to date,
        eli text, url text,
        articles jsonb NOT NULL DEFAULT '[]',
        unconfirmed text[] NOT NULL DEFAULT '{}',
        note text,
        sources jsonb NOT NULL CHECK (jsonb_array_length(sources) > 0),
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from < valid_to));
      CREATE TABLE legal.legal_relation (
        from_id text NOT NULL REFERENCES legal.legal_basis(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('REPLACES','IMPLEMENTS','AMENDS','INSERTS')),
        to_id text NOT NULL REFERENCES legal.legal_basis(id) ON DELETE CASCADE,
        note text,
        PRIMARY KEY (from_id, type, to_id));
      CREATE INDEX legal_relation_to ON legal.legal_relation (to_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE legal.legal_relation; DROP TABLE legal.legal_basis;');
  }
}
