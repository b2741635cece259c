import { encodeIdentity, signedHeaders } from '../../core/auth/signing';

/** The gateway as a caller of its own: what it asks the subgraphs' internal routes for itself, never for a user. */
const GATEWAY_ITSELF = encodeIdentity({ role: 'ANONYMOUS', sub: 'ketenkaart-gateway' });

/**
 * POSTs JSON to a subgraph's internal route (`SubgraphDefinition.internalRoutes`), signed as the gateway itself:
 * the access-refusal audit, the public journal.
 */
export function postInternal(
  url: string | URL,
  signingSecret: string,
  payload: unknown,
  opts: { signal: AbortSignal; timeLeftMs?: string; requestId?: string },
): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signedHeaders(signingSecret, GATEWAY_ITSELF, body, { timeLeftMs: opts.timeLeftMs, requestId: opts.requestId }) },
    body,
    signal: opts.signal,
  });
}
