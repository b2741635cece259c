import { HEADER, signedHeaders } from '../../subgraphs/_shared/auth/signing';

/**
 * The fetch the gateway uses towards subgraphs: it signs the exact body it sends, together with the identity
 * the gateway put in the request, so the signature covers what the subgraph receives byte for byte.
 */
export function signingFetcher(secret: string): typeof fetch {
  return (async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    const identity = headers.get(HEADER.identity);
    if (!identity) throw new Error('gateway bug: a subgraph request without an identity');
    for (const [name, value] of Object.entries(signedHeaders(secret, identity, String(init.body ?? '')))) headers.set(name, value);
    return fetch(url, { ...init, headers });
  }) as typeof fetch;
}
