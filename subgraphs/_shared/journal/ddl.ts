/**
 * The tables every subgraph that accepts writes keeps in its own schema, as SQL for its migrations.
 *
 * - `record_version`: one row per state a record has had (created, changed, ended), with the state itself.
 *   History and the change feed both read it. Append-only.
 * - `audit_log`: who read personal data or restricted documents, and every write with its before and after.
 *   Append-only; only the retention function may delete (see `ownerOnlyAuditPruningDdl`).
 *
 * The services' database role may only SELECT and INSERT these tables (subgraphs/_shared/database.ts); the
 * triggers also hold against the owner role, short of it dropping them.
 */

// The first migrations' rule, kept as they ran: any role that set the setting could delete.
const settingGuardedFunction = (schema: string, table: string, allowDeleteSetting?: string) => `
  CREATE OR REPLACE FUNCTION ${schema}.${table}_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${allowDeleteSetting ? `IF TG_OP = 'DELETE' AND current_setting('${allowDeleteSetting}', true) = 'on' THEN RETURN OLD; END IF;` : ''}
      RAISE EXCEPTION 'the ${table.replace(/_/g, ' ')} is append-only: % is not allowed', TG_OP;
    END $$;`;

const settingGuardedPrune = (schema: string) => `
  CREATE OR REPLACE FUNCTION ${schema}.prune_audit_log(retention_days integer) RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE removed bigint;
    BEGIN
      PERFORM set_config('ketenkaart.audit_retention', 'on', true);
      DELETE FROM ${schema}.audit_log WHERE at < now() - make_interval(days => retention_days);
      GET DIAGNOSTICS removed = ROW_COUNT;
      PERFORM set_config('ketenkaart.audit_retention', 'off', true);
      RETURN removed;
    END $$;`;

const appendOnly = (schema: string, table: string, allowDeleteSetting?: string) => `
  ${settingGuardedFunction(schema, table, allowDeleteSetting).replace('CREATE OR REPLACE FUNCTION', 'CREATE FUNCTION')}
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
  ${settingGuardedPrune(schema).replace('CREATE OR REPLACE FUNCTION', 'CREATE FUNCTION')}`;
}

/**
 * Deleting from the audit log, from this migration on: a setting marks the retention function's own deletion,
 * but any role can set a setting, so the trigger also requires the deleting role to be the table's owner — which
 * only the owner itself and `prune_audit_log` (SECURITY DEFINER, owned by the owner) are; the services' role is
 * neither. The function refuses a retention below `minimumDays`, so nobody empties the log through it either.
 * Both pin search_path and qualify every name: a role may create temporary tables, and pg_temp comes first for
 * relations, so an unqualified `pg_class` could be the caller's own.
 */
export function ownerOnlyAuditPruningDdl(schema: string, minimumDays: number): string {
  return `
  CREATE OR REPLACE FUNCTION ${schema}.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND pg_catalog.current_setting('ketenkaart.audit_retention', true) = 'on'
         AND pg_catalog.pg_has_role(current_user, (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID), 'MEMBER') THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'the audit log is append-only: % is not allowed', TG_OP;
    END $$;
  CREATE OR REPLACE FUNCTION ${schema}.prune_audit_log(retention_days integer) RETURNS bigint LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    DECLARE removed bigint;
    BEGIN
      IF retention_days IS NULL OR retention_days < ${minimumDays} THEN
        RAISE EXCEPTION 'audit entries are kept at least ${minimumDays} days: prune_audit_log(%) is refused and removed nothing', retention_days
          USING ERRCODE = 'invalid_parameter_value', HINT = 'Set AUDIT_RETENTION_DAYS to ${minimumDays} or more.';
      END IF;
      PERFORM pg_catalog.set_config('ketenkaart.audit_retention', 'on', true);
      DELETE FROM ${schema}.audit_log WHERE at < pg_catalog.now() - pg_catalog.make_interval(days => retention_days);
      GET DIAGNOSTICS removed = ROW_COUNT;
      PERFORM pg_catalog.set_config('ketenkaart.audit_retention', 'off', true);
      RETURN removed;
    END $$;
  -- Functions are executable by everyone unless revoked; the migrate step grants it to the services' role.
  REVOKE ALL ON FUNCTION ${schema}.prune_audit_log(integer) FROM PUBLIC;`;
}

/** Back to the setting-only rule of the first migrations. */
export function settingGuardedAuditPruningDdl(schema: string): string {
  return `
  ${settingGuardedFunction(schema, 'audit_log', 'ketenkaart.audit_retention')}
  ${settingGuardedPrune(schema)}
  GRANT EXECUTE ON FUNCTION ${schema}.prune_audit_log(integer) TO PUBLIC;`;
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
