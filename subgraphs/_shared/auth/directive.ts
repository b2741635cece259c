import {
  type DocumentNode,
  Kind,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  parse,
  visit,
} from 'graphql';
import { type FieldRule, type Permissions, ruleToDirective } from '../../../core/auth/permissions';
import { ROLES } from '../../../core/auth/roles';
import { SHARED_PERMISSIONS } from './shared-permissions';

/** The spec the `@auth` directive is imported from; composition keeps it because of `@composeDirective`. */
export const AUTH_SPEC_URL = 'https://ketenkaart.github.io/auth/v1.0';

export const AUTH_DEFINITIONS = `
directive @auth(requires: [Role!]!, scoped: [Role!]) on FIELD_DEFINITION
"""The roles of Ketenkaart's authorisation model (docs/security.md)."""
enum Role { ${ROLES.join(' ')} }
`;

/** Federation types whose fields are the protocol's own, not data: they get a rule here, not in each map. */
const FEDERATION_TYPES = new Set(['_Service']);
const FEDERATION_QUERY_FIELDS = new Set(['_entities', '_service']);

export class MissingPermissionError extends Error {
  constructor(problems: string[]) {
    super(`authorisation rules do not match the schema (default deny: every field needs an explicit rule):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Puts `@auth` on every field of the subgraph SDL from its permissions map. Fails on a field without a rule,
 * on a rule for a field that does not exist (a stale rule hides a renamed field), and on a restricted field
 * that is non-null (the gateway answers a denied field with null, so it must be nullable).
 */
export function applyAuthDirectives(sdl: string, permissions: Permissions): DocumentNode {
  const problems: string[] = [];
  const seen = new Set<string>();
  const doc = visit(parse(sdl), {
    enter(node) {
      if (node.kind !== Kind.OBJECT_TYPE_DEFINITION && node.kind !== Kind.OBJECT_TYPE_EXTENSION) return undefined;
      const type = node as ObjectTypeDefinitionNode | ObjectTypeExtensionNode;
      const typeName = type.name.value;
      if (FEDERATION_TYPES.has(typeName)) return undefined;
      const fields = (type.fields ?? []).map((field) => {
        const key = `${typeName}.${field.name.value}`;
        if (typeName === 'Query' && FEDERATION_QUERY_FIELDS.has(field.name.value)) return field;
        const rule: FieldRule | undefined = permissions[typeName]?.[field.name.value];
        seen.add(key);
        if (!rule) {
          problems.push(`${key} has no rule`);
          return field;
        }
        const restricted = !rule.roles.includes('ANONYMOUS');
        if (restricted && field.type.kind === Kind.NON_NULL_TYPE) problems.push(`${key} is restricted, so it must be nullable`);
        const directive = parse(`type T { f: Int ${ruleToDirective(rule)} }`).definitions[0] as ObjectTypeDefinitionNode;
        return { ...field, directives: [...(field.directives ?? []), ...(directive.fields![0].directives ?? [])] };
      });
      return { ...type, fields };
    },
  });
  const typesSeen = new Set([...seen].map((key) => key.split('.')[0]));
  for (const [typeName, fields] of Object.entries(permissions)) {
    // Shared value types are listed for every subgraph; one that does not use a type has nothing to check.
    if (!typesSeen.has(typeName) && typeName in SHARED_PERMISSIONS) continue;
    for (const field of Object.keys(fields)) if (!seen.has(`${typeName}.${field}`)) problems.push(`${typeName}.${field} has a rule but no such field exists`);
  }
  if (problems.length) throw new MissingPermissionError(problems);
  return doc;
}
