import { z } from 'zod';
import { MAX_FIELDS, REFUSAL_CODES } from '../../core/auth/access-refusals';
import type { InternalRoute } from '../_shared/subgraph';

const text = (max: number) => z.string().max(max);
const refusals = z.object({
  refusals: z
    .array(
      z.object({
        code: z.enum(REFUSAL_CODES),
        role: text(40),
        subject: text(300).nullable(),
        organisation: text(200).nullable(),
        address: text(100).nullable(),
        operationName: text(200).nullable(),
        reason: text(500),
        fields: z.array(text(500)).max(MAX_FIELDS),
        count: z.number().int().positive(),
        firstAt: z.iso.datetime(),
        lastAt: z.iso.datetime(),
        requestId: text(100),
      }),
    )
    .max(5_000),
});

/**
 * Failed authentication and authorisation attempts, as the gateway groups and reports them
 * (gateway/auth/access-refusal-recorder.ts): one ACCESS_REFUSED entry per group in the audit trail, with the
 * refused caller as its subject, in one statement.
 */
export const recordAccessRefusals: InternalRoute = async ({ db }, body) => {
  const parsed = refusals.safeParse(body);
  if (!parsed.success) return { status: 400, body: { error: 'BAD_REQUEST', problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) } };
  const rows = parsed.data.refusals;
  if (rows.length) {
    await db.query(
      `INSERT INTO partners.audit_log (subject, role, organisation, action, target, request_id, details)
       SELECT r.subject, r.role, r.organisation, 'ACCESS_REFUSED', r.target, r.request_id, r.details
         FROM jsonb_to_recordset($1::jsonb) AS r(subject text, role text, organisation text, target text, request_id text, details jsonb)`,
      [
        JSON.stringify(
          rows.map((r) => ({
            subject: r.subject,
            role: r.role,
            organisation: r.organisation,
            target: `${r.code}:${r.operationName ?? '(operation without name)'}`,
            request_id: r.requestId,
            details: { code: r.code, reason: r.reason, fields: r.fields, count: r.count, firstAt: r.firstAt, lastAt: r.lastAt, address: r.address },
          })),
        ),
      ],
    );
  }
  return { status: 200, body: { recorded: rows.length } };
};
