import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sites (Veilig Huis main locations and antennes), posts (functions, never persons) and agreements
 * (kaderovereenkomsten, protocols) with their parties and the municipalities their territory covers.
 */
export class SitesPostsAgreements1764000001000 implements MigrationInterface {
  name = 'SitesPostsAgreements1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partners.site (
        id text PRIMARY KEY,
        organisation_id text NOT NULL REFERENCES partners.organisation(id),
        kind text NOT NULL CHECK (kind IN ('MAIN','ANTENNE')),
        name text NOT NULL,
        municipality_nis varchar(5) NOT NULL,
        valid_from date, valid_to date,
        sources jsonb NOT NULL CHECK (jsonb_array_length(sources) > 0));
      CREATE INDEX site_organisation ON partners.site (organisation_id);
      CREATE TABLE partners.post (
        id text PRIMARY KEY,
        organisation_id text NOT NULL REFERENCES partners.organisation(id),
        function text NOT NULL,
        title text NOT NULL,
        phenomena text[] NOT NULL DEFAULT '{}',
        valid_from date, valid_to date,
        sources jsonb NOT NULL CHECK (jsonb_array_length(sources) > 0));
      CREATE INDEX post_organisation ON partners.post (organisation_id);
      CREATE TABLE partners.agreement (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('KADEROVEREENKOMST','PROTOCOL','SAMENWERKINGSAKKOORD')),
        title text NOT NULL,
        parent_id text REFERENCES partners.agreement(id),
        territory jsonb NOT NULL DEFAULT '[]',
        phenomena text[] NOT NULL DEFAULT '{}',
        legal_basis_ids text[] NOT NULL DEFAULT '{}',
        forum text,
        conditions text[] NOT NULL DEFAULT '{}',
        valid_from date, valid_to date,
        unconfirmed text[] NOT NULL DEFAULT '{}',
        note text,
        sources jsonb NOT NULL CHECK (jsonb_array_length(sources) > 0),
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from < valid_to));
      CREATE TABLE partners.agreement_party (
        agreement_id text NOT NULL REFERENCES partners.agreement(id) ON DELETE CASCADE,
        position integer NOT NULL,
        organisation_id text REFERENCES partners.organisation(id),
        party_kind text,
        role text,
        sources jsonb NOT NULL,
        PRIMARY KEY (agreement_id, position),
        CHECK ((organisation_id IS NULL) <> (party_kind IS NULL)));
      CREATE INDEX agreement_party_organisation ON partners.agreement_party (organisation_id);
      CREATE TABLE partners.agreement_municipality (
        agreement_id text NOT NULL REFERENCES partners.agreement(id) ON DELETE CASCADE,
        municipality_nis varchar(5) NOT NULL,
        PRIMARY KEY (agreement_id, municipality_nis));
      CREATE INDEX agreement_municipality_nis ON partners.agreement_municipality (municipality_nis);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partners.agreement_municipality; DROP TABLE partners.agreement_party; DROP TABLE partners.agreement;
      DROP TABLE partners.post; DROP TABLE partners.site;`);
  }
}
