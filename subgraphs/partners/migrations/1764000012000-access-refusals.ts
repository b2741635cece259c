import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed authentication and authorisation attempts reach the audit trail (the gateway reports them, grouped):
 * a new action, ACCESS_REFUSED.
 */
export class AccessRefusals1764000012000 implements MigrationInterface {
  name = 'AccessRefusals1764000012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE partners.audit_log DROP CONSTRAINT audit_log_action_check`);
    await q.query(`ALTER TABLE partners.audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN ('READ_PERSONAL_DATA', 'READ_RESTRICTED_DOCUMENT', 'READ_AUDIT_LOG', 'ACCESS_REFUSED', 'WRITE'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE partners.audit_log DROP CONSTRAINT audit_log_action_check`);
    await q.query(`ALTER TABLE partners.audit_log ADD CONSTRAINT audit_log_action_check CHECK (action IN ('READ_PERSONAL_DATA', 'READ_RESTRICTED_DOCUMENT', 'READ_AUDIT_LOG', 'WRITE')) NOT VALID`);
  }
}
