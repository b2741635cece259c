import { STATUS_CODES } from 'node:http';
import { Pool } from 'undici';
import { signedHeaders } from './auth/signing';

/** What a subgraph answered: its status and the body as sent. */
export interface SubgraphAnswer {
  status: number;
  statusText: string;
  contentType: string;
  body: string;
}

/** What one call carries besides its body: who asks (signed), under which request, and how long it may take. */
export interface SubgraphCall {
  /** The encoded identity (core/auth/signing.ts `encodeIdentity`). */
  identity: string;
  requestId?: string;
  /** Milliseconds the subgraph has, as a header value (core/deadline.ts). */
  timeLeftMs?: string;
  /** Ends the call: the caller's deadline. */
  signal?: AbortSignal;
  /**
   * The response cache's change generation the request reads in (core/change-listener.ts): never sent.
   * Requests of different generations never share a call, so a request that began after a write was notified
   * never takes the answer of a call that began before the write (and so never caches it as current).
   */
  generation?: number;
}

/**
 * The HTTP connection to one subgraph, of the gateway or of a sibling subgraph: a keep-alive pool of connections
 * (undici), every call signed over the exact body sent (with the identity, request id and time left), ended by
 * the caller's deadline.
 *
 * Identical queries in flight at the same moment, for the same identity and generation, share one call: the
 * answer cannot differ between them, and under load many callers ask the same thing (one municipality's card,
 * the same list). Mutations are never shared, and nothing is kept once the answer is in: this is not a cache.
 *
 * It speaks undici's request API rather than `fetch`: the WHATWG Request, Headers and Response objects fetch
 * builds for every call cost the gateway more than the rest of a one-subgraph query (docs/benchmarks.md).
 */
export class SubgraphTransport {
  private readonly pool: Pool;
  private readonly path: string;
  private readonly inFlight = new Map<string, Promise<SubgraphAnswer>>();

  constructor(
    readonly url: string,
    private readonly secret: string,
    /** Told of every shareable call whether it shared one in flight (the gateway's metrics). */
    private readonly onShare?: (shared: boolean) => void,
  ) {
    const parsed = new URL(url);
    this.path = parsed.pathname + parsed.search;
    // Idle connections live a little shorter than the subgraph keeps them (core http server: 65 s), so the
    // gateway never writes into a socket the other side is closing.
    this.pool = new Pool(parsed.origin, { keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000 });
  }

  post(body: string, call: SubgraphCall): Promise<SubgraphAnswer> {
    const shareable = !/^\s*\{\s*"query"\s*:\s*"\s*mutation\b/.test(body);
    if (!shareable) return this.send(body, call);
    const key = `${call.identity}\n${call.generation ?? ''}\n${body}`;
    const pending = this.inFlight.get(key);
    this.onShare?.(Boolean(pending));
    if (pending) return pending;
    const sent = this.send(body, call);
    this.inFlight.set(key, sent);
    const forget = () => this.inFlight.delete(key);
    sent.then(forget, forget);
    return sent;
  }

  private async send(body: string, call: SubgraphCall): Promise<SubgraphAnswer> {
    const headers = {
      'content-type': 'application/json',
      ...signedHeaders(this.secret, call.identity, body, { timeLeftMs: call.timeLeftMs, requestId: call.requestId }),
    };
    const response = await this.pool.request({ path: this.path, method: 'POST', headers, body, signal: call.signal });
    const text = await response.body.text();
    const contentType = response.headers['content-type'];
    return {
      status: response.statusCode,
      statusText: STATUS_CODES[response.statusCode] ?? '',
      contentType: Array.isArray(contentType) ? (contentType[0] ?? '') : (contentType ?? ''),
      body: text,
    };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
