import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, Kind, visit } from 'graphql';
import type { FieldRule } from '../../core/auth/permissions';
import type { Identity } from '../../core/auth/roles';

/** Whether the operation asks for any field that is not public (personal data, restricted documents). */
function asksRestricted(document: DocumentNode, restricted: Set<string>): boolean {
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
  const restricted = new Set([...rules].filter(([, r]) => !r.roles.includes('ANONYMOUS')).map(([key]) => key.split('.')[1]));
  // Parsed documents are cached by Apollo Server and reused per query, so the answer is kept per document.
  const byDocument = new WeakMap<DocumentNode, boolean>();
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, document }) {
          let restrictedFields = document ? byDocument.get(document) : true;
          if (restrictedFields === undefined && document) byDocument.set(document, (restrictedFields = asksRestricted(document, restricted)));
          const personal = contextValue.identity?.role !== 'ANONYMOUS' || restrictedFields !== false;
          response.http.headers.set('cache-control', personal ? 'private, no-store' : 'no-cache');
        },
      };
    },
  };
}
