/**
 * Who may see what (docs/security.md). A caller has exactly one role; ADMIN may read everything.
 * - ANONYMOUS: public facts and functional contact points.
 * - RESEARCHER: all non-personal data.
 * - LOCAL_GOVERNMENT: scoped to its municipalities (token claim `municipalities`).
 * - PARTNER: scoped to its organisation (claim `org`) and the agreements it is party to.
 * - EDITOR: scoped to its organisation (claim `org`); changes that organisation's records.
 * - ADMIN: everything, including the audit trail.
 */
export const ROLES = ['ANONYMOUS', 'RESEARCHER', 'LOCAL_GOVERNMENT', 'PARTNER', 'EDITOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  /** Subject of the token; absent for anonymous callers. */
  sub?: string;
  role: Role;
  /** Organisation id, for PARTNER and EDITOR. */
  org?: string;
  /** NIS codes, for LOCAL_GOVERNMENT. */
  municipalities?: string[];
}

export const ANONYMOUS: Identity = Object.freeze({ role: 'ANONYMOUS' });

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
