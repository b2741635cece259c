import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  Kind,
  type SelectionSetNode,
  TypeInfo,
  getDirectiveValues,
  getNamedType,
  isAbstractType,
  isObjectType,
  type SelectionNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { type FieldRule, mayReach } from '../../core/auth/permissions';
import type { Identity } from '../../core/auth/roles';

/**
 * Field-level authorisation at the gateway, before any subgraph is called: fields the caller may not see are
 * taken out of the operation, and after execution put back as `null` with an UNAUTHORIZED_FIELD_OR_TYPE error
 * (Apollo's convention). Aliases, fragments, inline fragments and interfaces are followed, so no spelling of
 * a query reaches a denied field.
 */

/** Added where the filter needs a type name or an emptied selection set needs a field; removed before answering. */
const MARKER = '__ketenkaart_typename';
const TYPENAME: FieldNode = { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: MARKER }, name: { kind: Kind.NAME, value: '__typename' } };

export type RuleLookup = (typeName: string, fieldName: string) => FieldRule | undefined;

/**
 * Denied for this caller on this type, or on any possible type when the parent is abstract. Rules are the API's
 * own: `__typename` and the introspection types (`__Schema`, `__Type`, …) belong to the GraphQL spec and are
 * never cut (production turns introspection off as a whole instead).
 */
function denied(schema: GraphQLSchema, parent: GraphQLNamedType, fieldName: string, rules: RuleLookup, identity: Identity): boolean {
  if (fieldName.startsWith('__') || parent.name.startsWith('__')) return false;
  const types = isAbstractType(parent) ? schema.getPossibleTypes(parent) : [parent];
  return types.some((t) => {
    const rule = rules(t.name, fieldName);
    // A field without a rule is denied: default deny also at the gateway.
    return !rule || !mayReach(rule, identity);
  });
}

export function filterDocument(
  schema: GraphQLSchema,
  document: DocumentNode,
  rules: RuleLookup,
  identity: Identity,
): { document: DocumentNode; changed: boolean } {
  const typeInfo = new TypeInfo(schema);
  let changed = false;
  const filtered = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          const parent = typeInfo.getParentType();
          if (parent && denied(schema, parent, node.name.value, rules, identity)) {
            changed = true;
            return null;
          }
          return undefined;
        },
      },
      SelectionSet: {
        leave(node) {
          const type = typeInfo.getParentType();
          const needsTypename = Boolean(type && isAbstractType(type));
          // An emptied selection set is not valid GraphQL; abstract types need __typename to fill nulls back in.
          if (node.selections.length === 0 || needsTypename) {
            if (!needsTypename) changed = true;
            return { ...node, selections: [...node.selections, TYPENAME] };
          }
          return undefined;
        },
      },
    }),
  );
  return { document: changed ? filtered : document, changed };
}


/** Whether `@skip`/`@include` leave a selection in the answer, as graphql-js decides it during execution. */
function included(node: SelectionNode, variables: Record<string, unknown>): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

/**
 * Puts `null` where the caller asked for a denied field, and one error per denied field in the answer, at its
 * path with list indices (as graphql-js reports a field error).
 */
export function fillDenied(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  data: Record<string, unknown> | null | undefined,
  rules: RuleLookup,
  identity: Identity,
): GraphQLError[] {
  const errors = new Map<string, GraphQLError>();
  const values = variables ?? {};
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  ) as { operation: 'query' | 'mutation' | 'subscription'; selectionSet: SelectionSetNode } | undefined;
  if (!operation || !data) return [];
  const root = schema.getRootType(operation.operation as never);
  if (!root) return [];

  const applies = (condition: string | undefined, runtime: GraphQLObjectType) => {
    if (!condition || condition === runtime.name) return true;
    const type = schema.getType(condition);
    return Boolean(type && isAbstractType(type) && schema.isSubType(type, runtime));
  };

  const fill = (value: unknown, selectionSet: SelectionSetNode, type: GraphQLNamedType, path: Array<string | number>): void => {
    if (value === null || value === undefined || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => fill(item, selectionSet, type, [...path, index]));
      return;
    }
    const record = value as Record<string, unknown>;
    const runtime = isObjectType(type) ? type : schema.getType(String(record[MARKER] ?? record.__typename));
    delete record[MARKER];
    if (!isObjectType(runtime)) return;
    for (const selection of selectionSet.selections) {
      if (!included(selection, values)) continue;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const key = selection.alias?.value ?? name;
        const field = runtime.getFields()[name];
        if (!field) continue;
        // Judged on the type the query names here (as the filter did), so both passes agree on interfaces.
        if (denied(schema, type, name, rules, identity)) {
          record[key] = null;
          const fieldPath = [...path, key];
          errors.set(
            fieldPath.join('.'),
            new GraphQLError(`Geen toegang tot ${runtime.name}.${name}.`, { path: fieldPath, extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } }),
          );
        } else if (selection.selectionSet) {
          fill(record[key], selection.selectionSet, getNamedType(field.type), [...path, key]);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        if (applies(condition, runtime)) fill(record, selection.selectionSet, (condition && schema.getType(condition)) || type, path);
      } else {
        const fragment = fragments.get(selection.name.value);
        const condition = fragment?.typeCondition.name.value;
        if (fragment && applies(condition, runtime)) fill(record, fragment.selectionSet, schema.getType(condition!) ?? type, path);
      }
    }
  };
  fill(data, operation.selectionSet, root, []);
  return [...errors.values()];
}
