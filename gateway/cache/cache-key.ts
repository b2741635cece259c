import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Identity } from '../../core/auth/roles';

/** The GraphQL request in an HTTP request, as Apollo Server reads it; undefined when it is not a plain one. */
export interface GraphQLRequestParts {
  query: string;
  operationName: string | null;
  variables: Record<string, unknown> | null;
}

export function graphqlRequestOf(req: Request): GraphQLRequestParts | undefined {
  const source = req.method === 'POST' ? (req.body as Record<string, unknown> | undefined) : req.method === 'GET' ? (req.query as Record<string, unknown>) : undefined;
  if (!source || typeof source !== 'object' || Array.isArray(source)) return undefined;
  // Persisted queries and other extensions change what is executed: those go the long way.
  if (source.extensions !== undefined || typeof source.query !== 'string') return undefined;
  const operationName = source.operationName ?? null;
  if (operationName !== null && typeof operationName !== 'string') return undefined;
  let variables = source.variables ?? null;
  if (typeof variables === 'string') {
    try {
      variables = JSON.parse(variables);
    } catch {
      return undefined;
    }
  }
  if (variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
  return { query: source.query, operationName, variables: variables as Record<string, unknown> | null };
}

/**
 * What the field rules depend on: the role, and the organisation or municipalities a role is scoped to. Two
 * callers with the same scope may see exactly the same answer; callers with different scopes never share one.
 */
export function scopeOf(identity: Identity): string {
  if (identity.role === 'ANONYMOUS') return 'ANONYMOUS';
  return [identity.role, identity.org ?? '', [...(identity.municipalities ?? [])].sort().join(',')].join('|');
}

/** The cache key: scope, the media type asked for, the operation and its variables. */
export function cacheKeyOf(identity: Identity, accept: string | undefined, request: GraphQLRequestParts): string {
  return createHash('sha256')
    .update(JSON.stringify([scopeOf(identity), accept ?? '', request.query, request.operationName, request.variables]))
    .digest('base64url');
}
