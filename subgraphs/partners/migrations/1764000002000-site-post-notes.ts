import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sites and posts say which of their facts are unconfirmed, and why, like every other record. */
export class SitePostNotes1764000002000 implements MigrationInterface {
  name = 'SitePostNotes1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE partners.site ADD COLUMN unconfirmed text[] NOT NULL DEFAULT '{}', ADD COLUMN note text;
      ALTER TABLE partners.post ADD COLUMN unconfirmed text[] NOT NULL DEFAULT '{}', ADD COLUMN note text;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE partners.site DROP COLUMN unconfirmed, DROP COLUMN note;
      ALTER TABLE partners.post DROP COLUMN unconfirmed, DROP COLUMN note;
    `);
  }
}
