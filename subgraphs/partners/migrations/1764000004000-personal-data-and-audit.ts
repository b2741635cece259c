import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditLogDdl, dropAuditLogDdl } from '../../_shared/journal/ddl';

/**
 * Personal data and restricted documents, behind authorisation: who holds a post and their direct contacts,
 * and the text of an agreement (for its parties). The seeds never contain people: rows here come from editors,
 * or are fictional test fixtures, marked so.
 *
 * The audit trail: append-only. A trigger refuses every UPDATE and DELETE, whoever asks, except deletions by
 * the retention function, which marks its own transaction.
 */
export class PersonalDataAndAudit1764000004000 implements MigrationInterface {
  name = 'PersonalDataAndAudit1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE partners.agreement ADD COLUMN text text;
      CREATE TABLE partners.post_holder (
        id text PRIMARY KEY,
        post_id text NOT NULL REFERENCES partners.post(id),
        person_name text NOT NULL,
        email text,
        phone text,
        valid_from date, valid_to date,
        fictional boolean NOT NULL DEFAULT false,
        sources jsonb NOT NULL DEFAULT '[]',
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from < valid_to));
      CREATE INDEX post_holder_post ON partners.post_holder (post_id);

      ${auditLogDdl('partners')}
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ${dropAuditLogDdl('partners')}
      DROP TABLE partners.post_holder;
      ALTER TABLE partners.agreement DROP COLUMN text;
    `);
  }
}
