import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Public channels named for a kind of service: the nearest way to reach a service that has none of its own. */
export class KindHelplines1764000019000 implements MigrationInterface {
  name = 'KindHelplines1764000019000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partners.kind_helpline (
        kind text NOT NULL,
        organisation_id text NOT NULL REFERENCES partners.organisation(id) ON DELETE CASCADE,
        note text NOT NULL,
        sources jsonb NOT NULL CHECK (jsonb_array_length(sources) > 0),
        PRIMARY KEY (kind, organisation_id));`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partners.kind_helpline`);
  }
}
