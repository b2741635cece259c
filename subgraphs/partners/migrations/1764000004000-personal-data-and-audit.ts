import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data and restricted documents, behind authorisation: who holds a post and their direct contacts,
 * and the text of an agreement (for its parties). The seeds never contain people: rows here come from editors,
 * or are fictional test fixtures, marked so.
 *
 * The audit trail: append-only. A trigger refuses every UPDATE and DELETE, whoever asks, except deletions by
 * the retention function, which marks its own transaction.
 */
export class PersonalDataAndAudit1764000004000 implements MigrationInterface {
  name = 'PersonalDataAndAudit1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE partners.agreement ADD COLUMN text text;
      CREATE TABLE partners.post_holder (
        id text PRIMARY KEY,
        post_id text NOT NULL REFERENCES partners.post(id),
        person_name text NOT NULL,
        email text,
        phone text,
        valid_from date, valid_to date,
        fictional boolean NOT NULL DEFAULT false,
        sources jsonb NOT NULL DEFAULT '[]',
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from < valid_to));
      CREATE INDEX post_holder_post ON partners.post_holder (post_id);

      CREATE TABLE partners.audit_log (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        subject text,
        role text NOT NULL,
        organisation text,
        action text NOT NULL CHECK (action IN ('READ_PERSONAL_DATA', 'READ_RESTRICTED_DOCUMENT', 'WRITE')),
        target text NOT NULL,
        request_id text,
        details jsonb NOT NULL DEFAULT '{}');
      CREATE INDEX audit_log_at ON partners.audit_log (at);
      CREATE FUNCTION partners.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' AND current_setting('ketenkaart.audit_retention', true) = 'on' THEN RETURN OLD; END IF;
          RAISE EXCEPTION 'the audit log is append-only: % is not allowed', TG_OP;
        END $$;
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON partners.audit_log
        FOR EACH ROW EXECUTE FUNCTION partners.audit_log_is_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON partners.audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION partners.audit_log_is_append_only();
      CREATE FUNCTION partners.prune_audit_log(retention_days integer) RETURNS bigint LANGUAGE plpgsql AS $$
        DECLARE removed bigint;
        BEGIN
          PERFORM set_config('ketenkaart.audit_retention', 'on', true);
          DELETE FROM partners.audit_log WHERE at < now() - make_interval(days => retention_days);
          GET DIAGNOSTICS removed = ROW_COUNT;
          PERFORM set_config('ketenkaart.audit_retention', 'off', true);
          RETURN removed;
        END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION partners.prune_audit_log(integer);
      DROP TABLE partners.audit_log;
      DROP FUNCTION partners.audit_log_is_append_only();
      DROP TABLE partners.post_holder;
      ALTER TABLE partners.agreement DROP COLUMN text;
    `);
  }
}
