import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The vocabularies people ask in: the phenomena records are about, and the words for kinds of partner. Data
 * (seeds/partners/phenomena.yaml, partner-terms.yaml), so that the API, the page and the seed check agree.
 */
export class Vocabularies1764000029000 implements MigrationInterface {
  name = 'Vocabularies1764000029000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partners.phenomenon (
        id text PRIMARY KEY,
        label text NOT NULL,
        synonyms text[] NOT NULL DEFAULT '{}');`);
    await q.query(`
      CREATE TABLE partners.partner_term (
        id text PRIMARY KEY,
        label text NOT NULL,
        kinds text[] NOT NULL CHECK (cardinality(kinds) > 0),
        synonyms text[] NOT NULL DEFAULT '{}');`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partners.partner_term`);
    await q.query(`DROP TABLE partners.phenomenon`);
  }
}
