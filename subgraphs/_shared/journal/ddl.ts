/**
 * The tables every subgraph that accepts writes keeps in its own schema, as SQL for its migrations.
 *
 * - `record_version`: one row per state a record has had (created, changed, ended), with the state itself.
 *   History and the change feed both read it. Append-only.
 * - `audit_log`: who read personal data or restricted documents, and every write with its before and after.
 *   Append-only; only the retention function may delete, and it marks its own transaction to do so.
 */

const appendOnly = (schema: string, table: string, allowDeleteSetting?: string) => `
  CREATE FUNCTION ${schema}.${table}_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${allowDeleteSetting ? `IF TG_OP = 'DELETE' AND current_setting('${allowDeleteSetting}', true) = 'on' THEN RETURN OLD; END IF;` : ''}
      RAISE EXCEPTION 'the ${table.replace(/_/g, ' ')} is append-only: % is not allowed', TG_OP;
    END $$;
  CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${schema}.${table}
    FOR EACH ROW EXECUTE FUNCTION ${schema}.${table}_is_append_only();
  CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${schema}.${table}
    FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.${table}_is_append_only();`;

export function auditLogDdl(schema: string): string {
  return `
  CREATE TABLE ${schema}.audit_log (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    subject text,
    role text NOT NULL,
    organisation text,
    action text NOT NULL CHECK (action IN ('READ_PERSONAL_DATA', 'READ_RESTRICTED_DOCUMENT', 'WRITE')),
    target text NOT NULL,
    request_id text,
    details jsonb NOT NULL DEFAULT '{}');
  CREATE INDEX audit_log_at ON ${schema}.audit_log (at);
  ${appendOnly(schema, 'audit_log', 'ketenkaart.audit_retention')}
  CREATE FUNCTION ${schema}.prune_audit_log(retention_days integer) RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE removed bigint;
    BEGIN
      PERFORM set_config('ketenkaart.audit_retention', 'on', true);
      DELETE FROM ${schema}.audit_log WHERE at < now() - make_interval(days => retention_days);
      GET DIAGNOSTICS removed = ROW_COUNT;
      PERFORM set_config('ketenkaart.audit_retention', 'off', true);
      RETURN removed;
    END $$;`;
}

export function dropAuditLogDdl(schema: string): string {
  return `DROP FUNCTION ${schema}.prune_audit_log(integer); DROP TABLE ${schema}.audit_log; DROP FUNCTION ${schema}.audit_log_is_append_only();`;
}

export function recordVersionDdl(schema: string): string {
  return `
  CREATE TABLE ${schema}.record_version (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity text NOT NULL,
    record_id text NOT NULL,
    version integer NOT NULL CHECK (version > 0),
    action text NOT NULL CHECK (action IN ('CREATED', 'CHANGED', 'ENDED', 'REMOVED')),
    -- clock_timestamp(), not now(): writes are serialised, so this orders versions as they were committed.
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    organisation_ids text[] NOT NULL DEFAULT '{}',
    state jsonb NOT NULL,
    subject text,
    role text,
    request_id text,
    UNIQUE (entity, record_id, version));
  CREATE INDEX record_version_recorded_at ON ${schema}.record_version (recorded_at, seq);
  ${appendOnly(schema, 'record_version')}`;
}

export function dropRecordVersionDdl(schema: string): string {
  return `DROP TABLE ${schema}.record_version; DROP FUNCTION ${schema}.record_version_is_append_only();`;
}

/** The bookkeeping columns of an editable record: optimistic-concurrency version, who wrote it last, confirmation. */
export function editableColumnsDdl(table: string): string {
  return `ALTER TABLE ${table}
    ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    ADD COLUMN origin text NOT NULL DEFAULT 'SEED' CHECK (origin IN ('SEED', 'EDITOR')),
    ADD COLUMN confirmed_on date;`;
}

export function dropEditableColumnsDdl(table: string): string {
  return `ALTER TABLE ${table} DROP COLUMN version, DROP COLUMN origin, DROP COLUMN confirmed_on;`;
}
