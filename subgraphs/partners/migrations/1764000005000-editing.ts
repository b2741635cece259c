import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropEditableColumnsDdl, dropRecordVersionDdl, editableColumnsDdl, recordVersionDdl } from '../../_shared/journal/ddl';

const EDITABLE = ['partners.organisation', 'partners.post', 'partners.post_holder', 'partners.agreement'];

/**
 * Editors keep the registry current: every editable record gets a version (optimistic concurrency), an origin
 * (the seed leaves records an editor has written alone) and the date an editor last confirmed it; every state
 * a record has had is kept in `record_version`. A post may name the municipality where it sits.
 */
export class Editing1764000005000 implements MigrationInterface {
  name = 'Editing1764000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ${EDITABLE.map(editableColumnsDdl).join('\n')}
      ALTER TABLE partners.post ADD COLUMN municipality_nis varchar(5);
      ${recordVersionDdl('partners')}
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ${dropRecordVersionDdl('partners')}
      ALTER TABLE partners.post DROP COLUMN municipality_nis;
      ${EDITABLE.map(dropEditableColumnsDdl).join('\n')}
    `);
  }
}
