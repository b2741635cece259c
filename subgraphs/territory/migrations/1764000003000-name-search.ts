import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Typo-tolerant place lookup ("Haselt" → Hasselt): trigram indexes on the accent-free names. The extensions
 * live in `public` so that every subgraph's schema can use them; creating them needs a role that may create
 * extensions (the embedded database's superuser, or a managed PostgreSQL's admin role).
 */
export class NameSearch1764000003000 implements MigrationInterface {
  name = 'NameSearch1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
      CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
      CREATE INDEX municipality_name_trgm ON territory.municipality USING gin (name_key public.gin_trgm_ops);
      CREATE INDEX former_municipality_name_trgm ON territory.former_municipality USING gin (name_key public.gin_trgm_ops);
      -- unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes it safe to index.
      CREATE FUNCTION territory.name_key(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(regexp_replace(public.unaccent('public.unaccent'::regdictionary, $1), '\\s+', ' ', 'g')) $$;
      ALTER TABLE territory.postcode ADD COLUMN locality_key text GENERATED ALWAYS AS (territory.name_key(locality)) STORED;
      CREATE INDEX postcode_locality_key ON territory.postcode (locality_key);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX territory.postcode_locality_key;
      ALTER TABLE territory.postcode DROP COLUMN locality_key;
      DROP FUNCTION territory.name_key(text);
      DROP INDEX territory.former_municipality_name_trgm;
      DROP INDEX territory.municipality_name_trgm;
    `);
  }
}
