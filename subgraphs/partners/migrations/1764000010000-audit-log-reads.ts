import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reads of the audit trail are themselves audited (its entries hold personal data: who read whose record, and
 * the before and after of every write): a new action, READ_AUDIT_LOG. The constraint is the one the initial
 * audit table got (PostgreSQL named it audit_log_action_check).
 */
export class AuditLogReads1764000010000 implements MigrationInterface {
  name = 'AuditLogReads1764000010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE partners.audit_log DROP CONSTRAINT audit_log_action_check`);
    await q.query(`ALTER TABLE partners.audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN ('READ_PERSONAL_DATA', 'READ_RESTRICTED_DOCUMENT', 'READ_AUDIT_LOG', 'WRITE'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The entries of the new action cannot stay under the old rule; they are kept only while the action exists.
    await q.query(`ALTER TABLE partners.audit_log DROP CONSTRAINT audit_log_action_check`);
    await q.query(`ALTER TABLE partners.audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN ('READ_PERSONAL_DATA', 'READ_RESTRICTED_DOCUMENT', 'WRITE')) NOT VALID`);
  }
}
