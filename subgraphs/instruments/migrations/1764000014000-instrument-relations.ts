import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Relations between instruments (part of, succeeded by, implements, related to) are data, with their sources. */
export class InstrumentRelations1764000014000 implements MigrationInterface {
  name = 'InstrumentRelations1764000014000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE instruments.instrument_relation (
        from_id text NOT NULL REFERENCES instruments.instrument(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('PART_OF', 'SUCCEEDED_BY', 'IMPLEMENTS', 'RELATED_TO')),
        to_id text NOT NULL REFERENCES instruments.instrument(id) ON DELETE CASCADE,
        planned boolean NOT NULL DEFAULT false,
        note text,
        sources jsonb NOT NULL CHECK (jsonb_array_length(sources) > 0),
        PRIMARY KEY (from_id, type, to_id),
        CHECK (from_id <> to_id));
      CREATE INDEX instrument_relation_to ON instruments.instrument_relation (to_id);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE instruments.instrument_relation`);
  }
}
