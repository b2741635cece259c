import { Kind, type ListValueNode, parse } from 'graphql';
import type { FieldRule } from '../../core/auth/permissions';
import type { Role } from '../../core/auth/roles';

/**
 * The field rules as the composed supergraph carries them (`@auth` on every field): the gateway enforces what
 * the subgraphs declared, read from the same committed file it serves.
 */
export function rulesFromSupergraph(supergraphSdl: string): Map<string, FieldRule> {
  const rules = new Map<string, FieldRule>();
  for (const def of parse(supergraphSdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    for (const field of def.fields ?? []) {
      const auth = field.directives?.find((d) => d.name.value === 'auth');
      if (!auth) continue;
      const roles = (name: string) =>
        ((auth.arguments?.find((a) => a.name.value === name)?.value as ListValueNode | undefined)?.values ?? []).map(
          (v) => (v as { value: string }).value as Role,
        );
      rules.set(`${def.name.value}.${field.name.value}`, { roles: roles('requires'), scoped: roles('scoped') });
    }
  }
  return rules;
}
