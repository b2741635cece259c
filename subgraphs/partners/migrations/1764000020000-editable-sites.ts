import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropEditableColumnsDdl, editableColumnsDdl } from '../../_shared/journal/ddl';

/**
 * Sites (main locations, antennes) become editable like the other records: no public source names an antenne,
 * so the services themselves must be able to add them. They get a version, an origin (the seed leaves a site an
 * editor wrote alone) and the day an editor last confirmed them.
 */
export class EditableSites1764000020000 implements MigrationInterface {
  name = 'EditableSites1764000020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(editableColumnsDdl('partners.site'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(dropEditableColumnsDdl('partners.site'));
  }
}
