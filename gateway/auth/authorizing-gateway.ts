import { createHash } from 'node:crypto';
import type { ApolloGateway } from '@apollo/gateway';
import type { GatewayExecutor, GatewayInterface, GatewayLoadResult } from '@apollo/server-gateway-interface';
import { type DocumentNode, getOperationAST, print } from 'graphql';
import type { FieldRule } from '../../core/auth/permissions';
import { ANONYMOUS, type Identity } from '../../core/auth/roles';
import { fillDenied, filterDocument } from './field-filter';

/**
 * @apollo/gateway wrapped so that every operation is cut down to what the caller may see before it is planned
 * and sent to any subgraph. The cut-down operation is planned under its own hash, so plans (and anything else
 * keyed by the query) never cross from one role's view to another's.
 */
export class AuthorizingGateway implements GatewayInterface {
  constructor(
    private readonly inner: ApolloGateway,
    private readonly rules: Map<string, FieldRule>,
  ) {}

  async load(options: Parameters<GatewayInterface['load']>[0]): Promise<GatewayLoadResult> {
    const { executor } = await this.inner.load(options);
    if (!executor) throw new Error('the gateway loaded no executor');
    const lookup = (type: string, field: string) => this.rules.get(`${type}.${field}`);
    const filtered = new WeakMap<DocumentNode, Map<string, { document: DocumentNode; changed: boolean; source?: string; queryHash?: string }>>();
    const authorizingExecutor: GatewayExecutor = async (requestContext) => {
      const identity: Identity = (requestContext.context as { identity?: Identity })?.identity ?? ANONYMOUS;
      const { schema } = requestContext;
      // Which fields a caller may reach depends only on the role (data scopes are the subgraphs' to check), so
      // the filtered document is computed once per parsed document and role.
      let perRole = filtered.get(requestContext.document);
      if (!perRole) filtered.set(requestContext.document, (perRole = new Map()));
      let cut = perRole.get(identity.role);
      if (!cut) perRole.set(identity.role, (cut = filterDocument(schema, requestContext.document, lookup, identity)));
      const { document, changed } = cut;
      if (!changed) return executor(requestContext);
      const source = (cut.source ??= print(document));
      const operation = getOperationAST(document, requestContext.operationName ?? undefined);
      const result = await executor({
        ...requestContext,
        document,
        source,
        queryHash: (cut.queryHash ??= createHash('sha256').update(source).digest('hex')),
        operation: operation ?? requestContext.operation,
      });
      const denied = fillDenied(
        schema,
        requestContext.document,
        requestContext.operationName,
        requestContext.request.variables,
        result.data as Record<string, unknown>,
        lookup,
        identity,
      );
      // The spec: `errors`, if present, is a non-empty list (clients test `if (json.errors)`).
      const errors = [...(result.errors ?? []), ...denied];
      return errors.length ? { ...result, errors: errors as never } : { ...result, errors: undefined };
    };
    return { executor: authorizingExecutor };
  }

  onSchemaLoadOrUpdate(callback: Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0]) {
    return this.inner.onSchemaLoadOrUpdate(callback);
  }

  stop() {
    return this.inner.stop();
  }
}
