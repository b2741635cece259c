import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditLogDdl, dropAuditLogDdl, dropEditableColumnsDdl, dropRecordVersionDdl, editableColumnsDdl, recordVersionDdl } from '../../_shared/journal/ddl';

/**
 * Editors change instrument classifications: instruments get a version, origin and confirmation date, their
 * earlier states are kept in `record_version`, and every write is audited in this subgraph's own audit log.
 */
export class Editing1764000005000 implements MigrationInterface {
  name = 'Editing1764000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ${editableColumnsDdl('instruments.instrument')}
      ${recordVersionDdl('instruments')}
      ${auditLogDdl('instruments')}
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ${dropAuditLogDdl('instruments')}
      ${dropRecordVersionDdl('instruments')}
      ${dropEditableColumnsDdl('instruments.instrument')}
    `);
  }
}
