import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A post can serve a territory of its own, smaller than its organisation's: the Plan S coordinator of a Flemish
 * agency serves Limburg, not every municipality of Flanders. Null keeps the organisation's territory.
 */
export class PostScope1764000018000 implements MigrationInterface {
  name = 'PostScope1764000018000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE partners.post ADD COLUMN serves jsonb`);
    await q.query(`
      CREATE TABLE partners.post_municipality (
        post_id text NOT NULL REFERENCES partners.post(id) ON DELETE CASCADE,
        municipality_nis varchar(5) NOT NULL,
        PRIMARY KEY (post_id, municipality_nis));
      CREATE INDEX post_municipality_nis ON partners.post_municipality (municipality_nis);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partners.post_municipality`);
    await q.query(`ALTER TABLE partners.post DROP COLUMN serves`);
  }
}
