import type { Identity, Role } from './roles';

/**
 * A field's rule: which roles see it. Every field of every type has one, written out in the subgraph's
 * `permissions.ts`; a field without a rule makes the schema build fail, so nothing is served by default.
 *
 * `PUBLIC` is every role. A rule with `scoped` roles lets those roles through only where the subgraph's check
 * on the loaded record says so (for example a partner of the same agreement); the gateway lets them pass and
 * the subgraph decides on the data.
 */
export interface FieldRule {
  roles: readonly Role[];
  scoped?: readonly Role[];
}

export const PUBLIC: FieldRule = { roles: ['ANONYMOUS', 'RESEARCHER', 'LOCAL_GOVERNMENT', 'PARTNER', 'EDITOR', 'ADMIN'] };
export const ADMIN_ONLY: FieldRule = { roles: ['ADMIN'] };
/** Non-personal data that is not for the general public: researchers and every authenticated role. */
export const AUTHENTICATED: FieldRule = { roles: ['RESEARCHER', 'LOCAL_GOVERNMENT', 'PARTNER', 'EDITOR', 'ADMIN'] };

export type TypePermissions = Record<string, FieldRule>;
/** Type name → field name → rule. */
export type Permissions = Record<string, TypePermissions>;

/** Every field of a type gets the same rule: for value types whose fields are all equally public. */
export function allFields(rule: FieldRule, fields: string[]): TypePermissions {
  return Object.fromEntries(fields.map((f) => [f, rule]));
}

/** Whether the rule lets this caller see the field without looking at the data. */
export function allowsOutright(rule: FieldRule, identity: Identity): boolean {
  return identity.role === 'ADMIN' || rule.roles.includes(identity.role);
}

/** Whether the caller may get past the role check at all (outright, or pending a check on the data). */
export function mayReach(rule: FieldRule, identity: Identity): boolean {
  return allowsOutright(rule, identity) || Boolean(rule.scoped?.includes(identity.role));
}

/** The directive arguments as they appear in SDL. */
export function ruleToDirective(rule: FieldRule): string {
  const scoped = rule.scoped?.length ? `, scoped: [${rule.scoped.join(', ')}]` : '';
  return `@auth(requires: [${rule.roles.join(', ')}]${scoped})`;
}
