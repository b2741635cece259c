import type { SubgraphContext } from '../_shared/subgraph';

export type AuditAction = 'READ_PERSONAL_DATA' | 'READ_RESTRICTED_DOCUMENT' | 'WRITE';

/**
 * Appends one entry to the audit trail (who, role, what, when, request id). The read is answered only once
 * the entry is written: a read that cannot be audited is not served.
 */
export async function audit(ctx: SubgraphContext<unknown>, action: AuditAction, target: string, details: Record<string, unknown> = {}): Promise<void> {
  await ctx.db.query(
    `INSERT INTO partners.audit_log (subject, role, organisation, action, target, request_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [ctx.identity.sub ?? null, ctx.identity.role, ctx.identity.org ?? null, action, target, ctx.requestId, JSON.stringify(details)],
  );
}
