/**
 * Refused access, as the gateway reports it to the audit trail (docs/security.md, "Audit trail"): a bad token
 * (UNAUTHENTICATED), a field the caller's role may not read or write (UNAUTHORIZED_FIELD_OR_TYPE) or a record it
 * may not touch (FORBIDDEN). Shared by the gateway, which
 * collects them, and the partners subgraph, which keeps them in its audit log.
 */
export const ACCESS_REFUSALS_PATH = '/internal/access-refusals';

export const REFUSAL_CODES = ['UNAUTHENTICATED', 'UNAUTHORIZED_FIELD_OR_TYPE', 'FORBIDDEN'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** Refusals of one kind, by one caller, from one address, for one operation, within one reporting period. */
export interface AccessRefusal {
  code: RefusalCode;
  role: string;
  subject: string | null;
  organisation: string | null;
  address: string | null;
  operationName: string | null;
  /** Why, in the gateway's words (the first refusal's message). */
  reason: string;
  /** The refused field paths (at most MAX_FIELDS distinct ones). */
  fields: string[];
  count: number;
  firstAt: string;
  lastAt: string;
  /** The gateway's id of the last refused request. */
  requestId: string;
}

export const MAX_FIELDS = 20;
