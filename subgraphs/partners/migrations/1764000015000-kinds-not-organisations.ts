import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Kinds are not organisations (docs/data.md, "Kinds"): eight records stood for a kind of partner ("de lokale
 * besturen", "de justitiehuizen"), not for one body. A post of every organisation of a kind now names the kind
 * (`organisation_kind`), and an agreement party the kind (`party_kind`), instead of pointing at such a record;
 * the seed then removes the eight records. Editor-written posts and parties move the same way: nothing is lost.
 */
const KIND_RECORDS = `(VALUES ('lokale-besturen', 'LOKAAL_BESTUUR'), ('lokale-politie', 'POLITIEZONE'), ('ocmw', 'OCMW'), ('cgg', 'CGG'),
  ('clb', 'CLB'), ('justitiehuizen', 'JUSTITIEHUIS'), ('ocj', 'OPGROEIEN'), ('sdj', 'OPGROEIEN')) AS k(id, kind)`;

export class KindsNotOrganisations1764000015000 implements MigrationInterface {
  name = 'KindsNotOrganisations1764000015000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE partners.post ALTER COLUMN organisation_id DROP NOT NULL, ADD COLUMN organisation_kind text`);
    await q.query(`UPDATE partners.post p SET organisation_kind = k.kind, organisation_id = NULL FROM ${KIND_RECORDS} WHERE p.organisation_id = k.id`);
    await q.query(`
      UPDATE partners.agreement_party p SET party_kind = k.kind, organisation_id = NULL, confirmation = NULL, confirmation_by_role = NULL,
             confirmation_by_org = NULL, confirmation_by_subject = NULL, confirmation_at = NULL
        FROM ${KIND_RECORDS} WHERE p.organisation_id = k.id`);
    await q.query(`ALTER TABLE partners.post ADD CONSTRAINT post_organisation_or_kind CHECK ((organisation_id IS NULL) <> (organisation_kind IS NULL))`);
    await q.query(`CREATE INDEX post_organisation_kind ON partners.post (organisation_kind)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The kind records are gone once the seed ran: posts of a kind cannot point at one again.
    await q.query(`DELETE FROM partners.post WHERE organisation_id IS NULL`);
    await q.query(`ALTER TABLE partners.post DROP CONSTRAINT post_organisation_or_kind, DROP COLUMN organisation_kind, ALTER COLUMN organisation_id SET NOT NULL`);
  }
}
