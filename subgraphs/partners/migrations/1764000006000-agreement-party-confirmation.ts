import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A named party of an agreement grants its staff access to the other parties' restricted data only once both
 * sides hold the relation: each named organisation's place in an agreement gets a confirmation state
 * (CONFIRMED, PENDING, DECLINED; null for a kind of partner, which no one can confirm) and who set it.
 *
 * Existing rows are moved, none dropped:
 * - agreements only the seed files wrote: their named parties are CONFIRMED (the files are curated by the
 *   registry's stewards, and the seed writes them so);
 * - agreements an editor wrote: a party is CONFIRMED where the journal shows that an admin, the seed, or an
 *   editor of that very organisation wrote a version naming it; every other party was named by someone else
 *   and never asked, so it becomes PENDING until its own editor confirms it. Where the audit trail that would
 *   show an editor's organisation was pruned, the party is PENDING: unknown is not yes.
 */
export class AgreementPartyConfirmation1764000006000 implements MigrationInterface {
  name = 'AgreementPartyConfirmation1764000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE partners.agreement_party
        ADD COLUMN confirmation text CHECK (confirmation IN ('CONFIRMED', 'PENDING', 'DECLINED')),
        ADD COLUMN confirmation_by_role text CHECK (confirmation_by_role IN ('SEED', 'ADMIN', 'EDITOR')),
        ADD COLUMN confirmation_by_org text,
        ADD COLUMN confirmation_by_subject text,
        ADD COLUMN confirmation_at timestamptz;

      UPDATE partners.agreement_party p
         SET confirmation = 'CONFIRMED', confirmation_by_role = 'SEED', confirmation_by_subject = 'seed'
        FROM partners.agreement a
       WHERE a.id = p.agreement_id AND a.origin = 'SEED' AND p.organisation_id IS NOT NULL;

      -- Editor-written agreements: the earliest version that shows the party accepted by someone entitled to.
      UPDATE partners.agreement_party p
         SET confirmation = 'CONFIRMED', confirmation_by_role = w.role, confirmation_by_org = w.org, confirmation_by_subject = w.subject, confirmation_at = w.at
        FROM (
          SELECT DISTINCT ON (agreement_id, organisation_id) agreement_id, organisation_id, role, org, subject, at FROM (
            SELECT v.record_id AS agreement_id, party->>'organisationId' AS organisation_id, v.role, NULL::text AS org, v.subject, v.recorded_at AS at
              FROM partners.record_version v, jsonb_array_elements(COALESCE(v.state->'parties', '[]'::jsonb)) party
             WHERE v.entity = 'AGREEMENT' AND v.role IN ('ADMIN', 'SEED')
            UNION ALL
            SELECT substr(l.target, length('AGREEMENT:') + 1), l.organisation, 'EDITOR', l.organisation, l.subject, l.at
              FROM partners.audit_log l, jsonb_array_elements(COALESCE(l.details->'after'->'parties', '[]'::jsonb)) party
             WHERE l.action = 'WRITE' AND l.role = 'EDITOR' AND l.target LIKE 'AGREEMENT:%' AND party->>'organisationId' = l.organisation
          ) decided ORDER BY agreement_id, organisation_id, at
        ) w, partners.agreement a
       WHERE a.id = p.agreement_id AND a.origin = 'EDITOR' AND p.confirmation IS NULL
         AND w.agreement_id = p.agreement_id AND w.organisation_id = p.organisation_id;

      UPDATE partners.agreement_party SET confirmation = 'PENDING' WHERE organisation_id IS NOT NULL AND confirmation IS NULL;

      ALTER TABLE partners.agreement_party
        ADD CONSTRAINT agreement_party_confirmation_named CHECK ((organisation_id IS NULL) = (confirmation IS NULL));
      CREATE INDEX agreement_party_confirmed ON partners.agreement_party (organisation_id, agreement_id) WHERE confirmation = 'CONFIRMED';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX partners.agreement_party_confirmed;
      ALTER TABLE partners.agreement_party
        DROP CONSTRAINT agreement_party_confirmation_named,
        DROP COLUMN confirmation, DROP COLUMN confirmation_by_role, DROP COLUMN confirmation_by_org,
        DROP COLUMN confirmation_by_subject, DROP COLUMN confirmation_at;
    `);
  }
}
