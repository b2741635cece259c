import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One search box over the registry: a read model of every searchable record (organisations, instruments,
 * legal bases, places), refreshed by the seed loader. Dutch full text without accents for words, trigrams for
 * typos.
 */
export class Search1764000003000 implements MigrationInterface {
  name = 'Search1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
      CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
      CREATE TEXT SEARCH CONFIGURATION partners.dutch_unaccent (COPY = pg_catalog.dutch);
      ALTER TEXT SEARCH CONFIGURATION partners.dutch_unaccent
        ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.dutch_stem;
      -- unaccent() is only STABLE; pinning the dictionary makes it safe for generated columns and indexes.
      CREATE FUNCTION partners.search_key(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(regexp_replace(public.unaccent('public.unaccent'::regdictionary, $1), '\\s+', ' ', 'g')) $$;
      CREATE TABLE partners.search_document (
        type text NOT NULL CHECK (type IN ('ORGANISATION', 'INSTRUMENT', 'LEGAL_BASIS', 'MUNICIPALITY')),
        id text NOT NULL,
        label text NOT NULL,
        body text NOT NULL DEFAULT '',
        label_key text GENERATED ALWAYS AS (partners.search_key(label)) STORED,
        tsv tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('partners.dutch_unaccent', label), 'A') || setweight(to_tsvector('partners.dutch_unaccent', body), 'B')) STORED,
        PRIMARY KEY (type, id));
      CREATE INDEX search_document_tsv ON partners.search_document USING gin (tsv);
      CREATE INDEX search_document_label_trgm ON partners.search_document USING gin (label_key public.gin_trgm_ops);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE partners.search_document;
      DROP FUNCTION partners.search_key(text);
      DROP TEXT SEARCH CONFIGURATION partners.dutch_unaccent;
    `);
  }
}
