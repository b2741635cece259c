import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The territorial scales: municipalities (2025) and the areas they lie in, postcodes, mergers, service regions. */
export class InitialTerritory1764000000000 implements MigrationInterface {
  name = 'InitialTerritory1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE territory.province (
        id text PRIMARY KEY, nis text NOT NULL UNIQUE, name text NOT NULL, sources jsonb NOT NULL);
      CREATE TABLE territory.administrative_arrondissement (
        id text PRIMARY KEY, nis text NOT NULL UNIQUE, name text NOT NULL,
        province_id text REFERENCES territory.province(id), sources jsonb NOT NULL);
      CREATE TABLE territory.police_zone (
        id text PRIMARY KEY, name text NOT NULL, zone_number text UNIQUE, sources jsonb NOT NULL);
      CREATE TABLE territory.eerstelijnszone (
        id text PRIMARY KEY, name text NOT NULL, sources jsonb NOT NULL);
      CREATE TABLE territory.judicial_arrondissement (
        id text PRIMARY KEY, name text NOT NULL, sources jsonb NOT NULL);
      CREATE TABLE territory.judicial_division (
        id text PRIMARY KEY, name text NOT NULL,
        arrondissement_id text NOT NULL REFERENCES territory.judicial_arrondissement(id), sources jsonb NOT NULL);
      CREATE TABLE territory.municipality (
        nis varchar(5) PRIMARY KEY CHECK (nis ~ '^[0-9]{5}$'),
        name text NOT NULL,
        name_key text NOT NULL,
        region text NOT NULL CHECK (region IN ('FLANDERS', 'BRUSSELS')),
        province_id text REFERENCES territory.province(id),
        arrondissement_id text NOT NULL REFERENCES territory.administrative_arrondissement(id),
        police_zone_id text NOT NULL REFERENCES territory.police_zone(id),
        eerstelijnszone_id text NOT NULL REFERENCES territory.eerstelijnszone(id),
        judicial_arrondissement_id text REFERENCES territory.judicial_arrondissement(id),
        judicial_division_id text REFERENCES territory.judicial_division(id),
        valid_from date,
        sources jsonb NOT NULL CHECK (jsonb_array_length(sources) > 0));
      CREATE INDEX municipality_name_key ON territory.municipality (name_key);
      CREATE TABLE territory.former_municipality (
        nis varchar(5) PRIMARY KEY, name text NOT NULL, name_key text NOT NULL,
        successor_nis varchar(5) NOT NULL REFERENCES territory.municipality(nis), sources jsonb NOT NULL);
      CREATE INDEX former_municipality_name_key ON territory.former_municipality (name_key);
      CREATE TABLE territory.postcode (
        postcode varchar(4) NOT NULL CHECK (postcode ~ '^[0-9]{4}$'),
        municipality_nis varchar(5) NOT NULL REFERENCES territory.municipality(nis),
        locality text NOT NULL,
        sources jsonb NOT NULL,
        PRIMARY KEY (postcode, municipality_nis, locality));
      CREATE INDEX postcode_municipality ON territory.postcode (municipality_nis);
      CREATE TABLE territory.service_region (
        id text PRIMARY KEY, kind text NOT NULL CHECK (kind IN ('VEILIG_HUIS_REGION', 'ARIEC_AREA', 'GEZIN_PLAN_NETWORK')),
        name text NOT NULL, valid_from date, valid_to date, sources jsonb NOT NULL,
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from < valid_to));
      CREATE TABLE territory.service_region_member (
        region_id text NOT NULL REFERENCES territory.service_region(id) ON DELETE CASCADE,
        municipality_nis varchar(5) NOT NULL REFERENCES territory.municipality(nis),
        PRIMARY KEY (region_id, municipality_nis));
      CREATE INDEX service_region_member_municipality ON territory.service_region_member (municipality_nis);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE territory.service_region_member; DROP TABLE territory.service_region; DROP TABLE territory.postcode;
      DROP TABLE territory.former_municipality; DROP TABLE territory.municipality; DROP TABLE territory.judicial_division;
      DROP TABLE territory.judicial_arrondissement; DROP TABLE territory.eerstelijnszone; DROP TABLE territory.police_zone;
      DROP TABLE territory.administrative_arrondissement; DROP TABLE territory.province;
    `);
  }
}
