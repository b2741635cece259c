import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, Kind, type ValueNode, visit } from 'graphql';
import { ErrorCode, badInput } from '../core/errors';
import type { Logger } from '../core/logger';

/** A string anywhere in a JSON value that holds a NUL character. */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === 'object') return Object.values(value).some(holdsNul);
  return false;
}

/**
 * The first argument whose value holds a NUL character, written in the query or passed in a variable (also a
 * variable's default). PostgreSQL cannot store or compare NUL in text, so such a value would fail deep in a subgraph.
 */
function argumentWithNul(document: DocumentNode, variables: Record<string, unknown>): string | undefined {
  const defaults = new Map<string, ValueNode>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const v of definition.variableDefinitions ?? []) if (v.defaultValue) defaults.set(v.variable.name.value, v.defaultValue);
  }
  const nulIn = (value: ValueNode): boolean => {
    switch (value.kind) {
      case Kind.STRING:
        return value.value.includes('\u0000');
      case Kind.LIST:
        return value.values.some(nulIn);
      case Kind.OBJECT:
        return value.fields.some((field) => nulIn(field.value));
      case Kind.VARIABLE: {
        const name = value.name.value;
        if (name in variables) return holdsNul(variables[name]);
        const fallback = defaults.get(name);
        return fallback ? nulIn(fallback) : false;
      }
      default:
        return false;
    }
  };
  let found: string | undefined;
  visit(document, {
    Argument(node) {
      if (found === undefined && nulIn(node.value)) found = node.name.value;
    },
  });
  return found;
}

/**
 * Checks the gateway makes before an operation is planned, so that a client's mistake is a 400 with a code
 * instead of a failure in the planner or a subgraph: the operation to run must be known, and no argument may
 * hold a NUL character. Unexpected errors are logged with the request id, since the client sees only a generic
 * message.
 */
export function requestChecks(log: Logger): ApolloServerPlugin<{ requestId: string; clientRequestId?: string }> {
  return {
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      log.error({ err: error, requestId: requestContext.contextValue?.requestId, clientRequestId: requestContext.contextValue?.clientRequestId }, 'gateway request failed');
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) {
            const message = request.operationName
              ? `Unknown operation named "${request.operationName}": the document has no operation of that name.`
              : 'Must provide operation name if query contains multiple operations: pass operationName.';
            throw new GraphQLError(message, {
              extensions: { code: 'OPERATION_RESOLUTION_FAILURE', argument: 'operationName', http: { status: 400 } },
            });
          }
          const argument = argumentWithNul(document, request.variables ?? {});
          if (argument !== undefined) {
            throw badInput(`De waarde van ${argument} bevat een NUL-teken (\\u0000), dat de hub niet kan bewaren of zoeken: verwijder het.`, {
              argument,
              reason: 'NUL_CHARACTER',
              http: { status: 400 },
            });
          }
        },
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const err of errors) {
            const code = err.extensions?.code;
            if (!code || code === ErrorCode.INTERNAL_SERVER_ERROR) {
              log.error({ err: err.originalError ?? err, path: err.path, operationName, requestId: contextValue.requestId, clientRequestId: contextValue.clientRequestId }, 'gateway request error');
            }
          }
        },
      };
    },
  };
}
