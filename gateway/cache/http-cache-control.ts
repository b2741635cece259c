import type { ApolloServerPlugin } from '@apollo/server';
import type { FieldRule } from '../../core/auth/permissions';
import type { Identity } from '../../core/auth/roles';
import { documentPolicies, secondsToBrusselsMidnight } from './cache-policy';
import type { CacheSlot } from './serve-cached';

/**
 * Decides, by what the answer contains, who may keep it:
 * - an anonymous query's answer without errors whose every field (on the type it is asked on) is public:
 *   `public, max-age=<smallest field hint, capped at midnight>`, so a CDN or reverse proxy in front of the
 *   gateways may serve it (with an ETag, added on the way out);
 * - any other answer to an anonymous caller that asks only public fields (an error, a mutation): `no-cache`;
 * - anything else (an authenticated caller, personal data, restricted documents): `private, no-store`.
 * It also tells the response cache whether the gateway may keep the answer itself (CacheSlot.storable).
 */
export function httpCacheControl(rules: Map<string, FieldRule>): ApolloServerPlugin<{ identity: Identity; cacheSlot?: CacheSlot }> {
  const policyOf = documentPolicies(rules);
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, document, schema, operationName, errors }) {
          const policy = document ? policyOf(schema, document, operationName) : undefined;
          const anonymous = contextValue.identity?.role === 'ANONYMOUS';
          const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const clean = Boolean(single && single.data && !single.errors?.length && !errors?.length && !single.extensions);
          let header = 'private, no-store';
          if (policy && anonymous && policy.everyFieldPublic) {
            const maxAge = Math.min(policy.maxAgeSeconds, secondsToBrusselsMidnight());
            header = policy.query && clean && maxAge > 0 ? `public, max-age=${maxAge}` : 'no-cache';
          }
          response.http.headers.set('cache-control', header);
          const slot = contextValue.cacheSlot;
          if (slot && policy) slot.storable = policy.query && policy.storable && clean && (response.http.status ?? 200) === 200;
        },
      };
    },
  };
}
