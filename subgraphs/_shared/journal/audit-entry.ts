import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Config } from '../../../core/config';
import type { Logger } from '../../../core/logger';
import type { JournalSchema } from './journal';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql-types';
import { JSONObjectScalar } from './types';

/** The audit trail as each subgraph that keeps one stores it (see journal/ddl.ts); admins read it merged. */
@ObjectType({ description: 'One entry of the audit trail: a read of personal data or restricted documents, or a write.' })
@Directive('@shareable')
@Entity({ name: 'audit_log' })
export class AuditEntry {
  @Field(() => ID, { nullable: true })
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  seq: string;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ type: 'timestamptz', insert: false })
  at: Date;

  @Field(() => String, { nullable: true, description: 'The token subject of the caller.' })
  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text' })
  role: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  organisation: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text' })
  action: string;

  @Field(() => String, { nullable: true, description: 'What was read or written, for example "Post.holders:ariec-limburg-jurist".' })
  @Column({ type: 'text' })
  target: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', name: 'request_id', nullable: true })
  requestId: string | null;

  @Field(() => JSONObjectScalar, { nullable: true, description: 'For a write: what it did, and the record before and after.' })
  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: 'The subgraph whose audit log holds the entry (each keeps its own).' })
  service: string;
}

/** One subgraph's audit entries, newest first, from a moment on. */
export async function auditEntriesSince(db: Pick<EntityManager, 'query'>, schema: JournalSchema, since: Date | null): Promise<AuditEntry[]> {
  return db.query(
    `SELECT seq::text AS seq, at, subject, role, organisation, action, target, request_id AS "requestId", details, $1::text AS service
       FROM ${schema}.audit_log WHERE $2::timestamptz IS NULL OR at >= $2 ORDER BY seq DESC`,
    [schema, since],
  );
}

/** Start-up housekeeping of a subgraph that keeps an audit log: entries past the retention period go. */
export function pruneAuditLog(schema: JournalSchema) {
  return async (db: DataSource, config: Config, log: Logger): Promise<void> => {
    const [{ removed }] = await db.query(`SELECT ${schema}.prune_audit_log($1) AS removed`, [config.auditRetentionDays]);
    if (removed > 0) log.info({ removed, retentionDays: config.auditRetentionDays }, 'pruned the audit log');
  };
}
