import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Cases, cooperation instruments, their SERV classifications with evidence, the absent cells and figures. */
export class InitialInstruments1764000000000 implements MigrationInterface {
  name = 'InitialInstruments1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const principle = `principle text NOT NULL CHECK (principle IN ('LOYAUTEIT','PARTICIPATIE','AFSTEMMING'))`;
    const dimension = `dimension text NOT NULL CHECK (dimension IN ('INFORMEEL_OVERLEG','INFORMATIE_GEGEVENSUITWISSELING',
      'GEZAMENLIJKE_FINANCIERING','WETGEVEND','UITVOEREND','AMBTELIJK','SAMENWERKEN_IN_NETWERKEN'))`;
    await q.query(`
      CREATE TABLE instruments."case" (
        id text PRIMARY KEY, name text NOT NULL, description text, sources jsonb NOT NULL CHECK (jsonb_array_length(sources) > 0));
      CREATE TABLE instruments.instrument (
        id text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('STRUCTURE','NETWORK','FORUM','PROTOCOL','PLATFORM','POST','LEGAL_FRAMEWORK','PLAN','PROJECT')),
        case_id text REFERENCES instruments."case"(id),
        description text,
        partner_ids text[] NOT NULL DEFAULT '{}',
        partner_kinds text[] NOT NULL DEFAULT '{}',
        territory jsonb NOT NULL DEFAULT '[]',
        legal_basis_ids text[] NOT NULL DEFAULT '{}',
        phenomena text[] NOT NULL DEFAULT '{}',
        valid_from date, valid_to date,
        unconfirmed text[] NOT NULL DEFAULT '{}',
        sources jsonb NOT NULL CHECK (jsonb_array_length(sources) > 0),
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from < valid_to));
      CREATE INDEX instrument_case ON instruments.instrument (case_id);
      CREATE INDEX instrument_partner_ids ON instruments.instrument USING gin (partner_ids);
      CREATE INDEX instrument_legal_basis_ids ON instruments.instrument USING gin (legal_basis_ids);
      CREATE TABLE instruments.serv_classification (
        seq integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        instrument_id text NOT NULL REFERENCES instruments.instrument(id) ON DELETE CASCADE,
        case_id text REFERENCES instruments."case"(id),
        ${principle}, ${dimension},
        sources jsonb NOT NULL CHECK (jsonb_array_length(sources) > 0),
        UNIQUE NULLS NOT DISTINCT (instrument_id, case_id, principle, dimension));
      CREATE INDEX serv_classification_instrument ON instruments.serv_classification (instrument_id);
      CREATE TABLE instruments.serv_absence (
        id text PRIMARY KEY,
        case_id text NOT NULL REFERENCES instruments."case"(id),
        ${principle}, ${dimension},
        sources jsonb NOT NULL CHECK (jsonb_array_length(sources) > 0),
        UNIQUE (case_id, principle, dimension));
      CREATE TABLE instruments.instrument_figure (
        seq integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        instrument_id text NOT NULL REFERENCES instruments.instrument(id) ON DELETE CASCADE,
        name text NOT NULL, value numeric NOT NULL, unit text NOT NULL, period text, date date, note text,
        sources jsonb NOT NULL CHECK (jsonb_array_length(sources) > 0),
        UNIQUE NULLS NOT DISTINCT (instrument_id, name, period, date));
      CREATE INDEX instrument_figure_instrument ON instruments.instrument_figure (instrument_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE instruments.instrument_figure; DROP TABLE instruments.serv_absence;
      DROP TABLE instruments.serv_classification; DROP TABLE instruments.instrument; DROP TABLE instruments."case";`);
  }
}
