import { GraphQLError, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { ErrorCode } from '../../../core/errors';
import { type Permissions, allowsOutright } from '../../../core/auth/permissions';
import type { Identity } from '../../../core/auth/roles';

/** A check on the loaded record for roles a rule lets through only in scope (a partner of the same agreement…). */
export type ScopeCheck = (parent: any, context: { identity: Identity } & Record<string, any>) => boolean | Promise<boolean>;

export const unauthorised = (what: string) =>
  new GraphQLError(`Geen toegang tot ${what}.`, { extensions: { code: ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE } });

/**
 * The subgraph's own enforcement of the same rules the gateway applies: graphql-shield rules generated from
 * the permissions map, `fallbackRule: deny` for anything unlisted, and no rule cache, so nothing one caller was
 * allowed is ever reused for another.
 */
export function shieldSchema(schema: GraphQLSchema, permissions: Permissions, scopeChecks: Record<string, ScopeCheck> = {}): GraphQLSchema {
  const tree: Record<string, Record<string, unknown>> = {
    // Federation's entry points: the entities they return are checked field by field.
    Query: { _entities: allow, _service: allow },
    _Service: { '*': allow },
  };
  for (const [typeName, fields] of Object.entries(permissions)) {
    // Shared value types a subgraph does not use are not in its schema (see applyAuthDirectives).
    if (!schema.getType(typeName)) continue;
    tree[typeName] ??= {};
    for (const [fieldName, fieldRule] of Object.entries(fields)) {
      const check = scopeChecks[`${typeName}.${fieldName}`];
      if (fieldRule.scoped?.length && !check) throw new Error(`${typeName}.${fieldName} has scoped roles but no scope check`);
      tree[typeName][fieldName] = rule(`${typeName}.${fieldName}`, { cache: 'no_cache' })(async (parent, _args, ctx) => {
        const identity: Identity = ctx.identity;
        if (allowsOutright(fieldRule, identity)) return true;
        if (check && fieldRule.scoped?.includes(identity.role)) return (await check(parent, ctx)) || unauthorised(`${typeName}.${fieldName}`);
        return unauthorised(`${typeName}.${fieldName}`);
      });
    }
  }
  const middleware = shield(tree as IRules, {
    fallbackRule: deny,
    allowExternalErrors: true,
    debug: false,
    fallbackError: (_thrown, _parent, _args, _ctx, info) => unauthorised(`${info.parentType.name}.${info.fieldName}`),
  });
  return applyMiddleware(schema, middleware);
}
