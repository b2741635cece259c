import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, Kind, visit } from 'graphql';
import type { FieldRule } from '../../subgraphs/_shared/auth/permissions';
import type { Identity } from '../../subgraphs/_shared/auth/roles';

/** Whether the operation asks for any field that is not public (personal data, restricted documents). */
function asksRestricted(document: DocumentNode, rules: Map<string, FieldRule>): boolean {
  const restricted = new Set([...rules].filter(([, r]) => !r.roles.includes('ANONYMOUS')).map(([key]) => key.split('.')[1]));
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (restricted.has(node.name.value)) found = true;
    },
  });
  return found;
}

/**
 * No shared cache may keep an answer that depends on who asked: responses to authenticated callers, and any
 * response that touches a restricted field, are `private, no-store`.
 */
export function privateCacheControl(rules: Map<string, FieldRule>): ApolloServerPlugin<{ identity: Identity }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, document }) {
          const personal = contextValue.identity?.role !== 'ANONYMOUS' || (document ? asksRestricted(document, rules) : true);
          response.http.headers.set('cache-control', personal ? 'private, no-store' : 'no-cache');
        },
      };
    },
  };
}
