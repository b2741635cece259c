import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ownerOnlyAuditPruningDdl, settingGuardedAuditPruningDdl } from '../../_shared/journal/ddl';

/**
 * The services connect as a role of their own that owns nothing (docs/security.md, "Database roles"). The audit
 * log's trigger let any role that set `ketenkaart.audit_retention` delete entries, and `prune_audit_log(0)` emptied
 * it: now only the owner role deletes, through `prune_audit_log`, which keeps at least 30 days
 * (MIN_AUDIT_RETENTION_DAYS in core/config.ts).
 */
export class OwnerOnlyAuditPruning1764000009000 implements MigrationInterface {
  name = 'OwnerOnlyAuditPruning1764000009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(ownerOnlyAuditPruningDdl('partners', 30));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(settingGuardedAuditPruningDdl('partners'));
  }
}
