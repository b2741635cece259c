import { HEADER, signedHeaders } from '../../core/auth/signing';
import { DEADLINE_MARGIN_MS } from '../../core/deadline';
import { recordCacheLookup } from '../metrics';

interface SharedResponse {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: string;
}

/**
 * The fetch the gateway uses towards subgraphs. It signs the exact body it sends, together with the identity the
 * gateway put in the request, so the signature covers what the subgraph receives byte for byte.
 *
 * Identical queries in flight at the same moment, for the same identity, share one subgraph request: the answer
 * cannot differ between them, and under load many callers ask the same thing (one municipality's card, the
 * same list). Mutations are never shared, and nothing is kept once the answer is in: this is not a cache.
 */
/**
 * For the fetcher only, never sent: the change generation (gateway/cache/change-listener.ts) the request reads in.
 * Requests of different generations never share a fetch, so a request that began after a write was notified
 * never takes the answer of a fetch that began before the write (and so never caches it as current).
 */
export const CHANGE_GENERATION_HEADER = 'x-ketenkaart-change-generation';

export function signingFetcher(secret: string): typeof fetch {
  const inFlight = new Map<string, Promise<SharedResponse>>();
  const send = async (url: string, init: RequestInit, headers: Headers, identity: string, body: string): Promise<SharedResponse> => {
    const timeLeftMs = headers.get(HEADER.timeLeft) ?? undefined;
    const requestId = headers.get(HEADER.requestId) ?? undefined;
    for (const [name, value] of Object.entries(signedHeaders(secret, identity, body, { timeLeftMs, requestId }))) headers.set(name, value);
    // The request's deadline ends the call: a stalled subgraph never holds a client longer than it was promised.
    // The subgraph was given the margin less (core/deadline.ts), so that it answers, or gives up, first.
    const signal = timeLeftMs === undefined ? undefined : AbortSignal.timeout(Math.max(1, Number(timeLeftMs) + DEADLINE_MARGIN_MS));
    const response = await fetch(url, { ...init, headers, signal });
    return { status: response.status, statusText: response.statusText, headers: [...response.headers], body: await response.text() };
  };
  return (async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    const identity = headers.get(HEADER.identity);
    if (!identity) throw new Error('gateway bug: a subgraph request without an identity');
    const body = String(init.body ?? '');
    const generation = headers.get(CHANGE_GENERATION_HEADER) ?? '';
    headers.delete(CHANGE_GENERATION_HEADER);
    const shareable = !/^\s*\{\s*"query"\s*:\s*"\s*mutation\b/.test(body);
    const key = `${url}\n${identity}\n${generation}\n${body}`;
    let pending = shareable ? inFlight.get(key) : undefined;
    if (shareable) recordCacheLookup('inFlightSubgraphRequest', Boolean(pending));
    if (!pending) {
      pending = send(url, init, headers, identity, body);
      if (shareable) {
        inFlight.set(key, pending);
        void pending.then(
          () => inFlight.delete(key),
          () => inFlight.delete(key),
        );
      }
    }
    const shared = await pending;
    return new Response(shared.body, { status: shared.status, statusText: shared.statusText, headers: shared.headers });
  }) as typeof fetch;
}
