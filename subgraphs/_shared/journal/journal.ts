import type { EntityManager } from 'typeorm';
import type { Identity } from '../../../core/auth/roles';
import { CHANGES_CHANNEL } from '../../../core/change-notifications';
import { ChangeAction, type RecordType, type RecordVersion } from './types';

export type JournalSchema = 'partners' | 'instruments';

export interface Writer {
  identity: Identity;
  requestId: string;
}

export interface JournalEntry {
  type: RecordType;
  id: string;
  version: number;
  action: ChangeAction;
  organisationIds: string[];
  before: object | null;
  after: object;
  /** What history shows of the new state, where some fields are not for every reader (an agreement's text). */
  historyState?: object;
}

/**
 * A record as it is kept in history and the audit trail: plain JSON, without what is not a fact of the record —
 * who wrote it last, when it was last confirmed, and the municipalities its territory expands to (derived).
 */
export function stateOf(record: object): Record<string, unknown> {
  const { origin: _origin, confirmedOn: _confirmedOn, municipalities: _municipalities, ...state } = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
  return state;
}

/**
 * Writes what a registry write did, in the write's own transaction: the new state in `record_version` (history
 * and change feed) and an audit entry with before and after. If either fails, the write fails with it. It also
 * notifies CHANGES_CHANNEL: PostgreSQL delivers that on commit, before the writer sees the commit acknowledged,
 * which is what lets every gateway replica drop cached answers before it can serve the next request.
 */
export async function journal(tx: EntityManager, schema: JournalSchema, writer: Writer, entry: JournalEntry): Promise<void> {
  const after = stateOf(entry.after);
  const history = entry.historyState ? stateOf(entry.historyState) : after;
  await tx.query(
    `INSERT INTO ${schema}.record_version (entity, record_id, version, action, organisation_ids, state, subject, role, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [entry.type, entry.id, entry.version, entry.action, entry.organisationIds, JSON.stringify(history), writer.identity.sub ?? null, writer.identity.role, writer.requestId],
  );
  await auditEntry(tx, schema, writer, 'WRITE', `${entry.type}:${entry.id}`, {
    action: entry.action,
    version: entry.version,
    before: entry.before ? stateOf(entry.before) : null,
    after,
  });
  await announceChange(tx, schema, entry.type, entry.id);
}

/**
 * Tells every replica's response cache and shared reads that a record changed, on commit of `tx`: every write
 * does, also one that is not a new version (a confirmation), or they would go on answering the old state.
 */
export async function announceChange(tx: Pick<EntityManager, 'query'>, schema: JournalSchema, type: RecordType, id: string): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, `${schema}:${type}:${id}`]);
}

export type AuditAction = 'READ_PERSONAL_DATA' | 'READ_RESTRICTED_DOCUMENT' | 'READ_AUDIT_LOG' | 'ACCESS_REFUSED' | 'WRITE';

/** Appends one entry to the subgraph's audit trail (who, role, organisation, what, request id, details). */
export async function auditEntry(
  db: Pick<EntityManager, 'query'>,
  schema: JournalSchema,
  writer: Writer,
  action: AuditAction,
  target: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await db.query(
    `INSERT INTO ${schema}.audit_log (subject, role, organisation, action, target, request_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [writer.identity.sub ?? null, writer.identity.role, writer.identity.org ?? null, action, target, writer.requestId, JSON.stringify(details)],
  );
}

/** Every state of one record, oldest first. */
export async function historyOf(db: Pick<EntityManager, 'query'>, schema: JournalSchema, type: RecordType, id: string): Promise<RecordVersion[]> {
  return db.query(
    `SELECT version, action, recorded_at AS "recordedAt", state FROM ${schema}.record_version
      WHERE entity = $1 AND record_id = $2 ORDER BY version`,
    [type, id],
  );
}

/** The state of one record the registry held at a moment: its last version recorded by then; null before it. */
export async function stateAt(db: Pick<EntityManager, 'query'>, schema: JournalSchema, type: RecordType, id: string, at: Date): Promise<RecordVersion | null> {
  const [version] = await db.query(
    `SELECT version, action, recorded_at AS "recordedAt", state FROM ${schema}.record_version
      WHERE entity = $1 AND record_id = $2 AND recorded_at <= $3 ORDER BY version DESC LIMIT 1`,
    [type, id, at],
  );
  return version ?? null;
}
