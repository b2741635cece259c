import type { Request, RequestHandler, Response } from 'express';
import { ANONYMOUS, type Identity } from '../../core/auth/roles';
import { recordCacheLookup } from '../metrics';
import { cacheKeyOf, graphqlRequestOf } from './cache-key';
import type { ResponseCache } from './response-cache';
import { weakEtag } from '../http-answers';

/**
 * What one request carries from the cache middleware to the Apollo plugin and back (in `res.locals`): the key and
 * generation to store the answer under, and, once the plugin has looked at the operation, whether it may be kept.
 */
export interface CacheSlot {
  key?: string;
  generation: number;
  /** Set by the cache-control plugin: the answer is a query's, without errors, and keeping it skips no check. */
  storable?: boolean;
  identity?: Identity;
  /** Answered from the cache: its ETag is known, nothing to hash or keep on the way out. */
  served?: boolean;
}

export function cacheSlotOf(res: Response): CacheSlot {
  return (res.locals.cacheSlot ??= { generation: 0 }) as CacheSlot;
}

/**
 * Before Apollo: a request whose answer is in the response cache (and still good: cache.lookup waits for any
 * write acknowledged before it) is answered from memory, with the headers it was first sent with. A GET with
 * `If-None-Match` matching its ETag gets 304 (Express's `res.send` compares them). Anything else goes on to
 * Apollo, with its answer kept on the way out if the plugin found it storable; public answers get an ETag either way.
 *
 * A request is answered from memory only where Apollo would have accepted it: a GET needs a header no browser
 * form can send (Apollo's CSRF prevention), and a token must verify; a refused one goes the long way, to be
 * refused there as usual.
 */
export function serveCached(opts: {
  cache?: ResponseCache;
  /** Who the caller is: a bearer token or a signed-in session, decided as for every request (gateway/server.ts). */
  identify: (req: Request) => Promise<Identity>;
  limitIdentity: (identity: Identity) => Promise<void>;
}): RequestHandler {
  const { cache } = opts;
  return async (req, res, next) => {
    const slot = cacheSlotOf(res);
    keepOnTheWayOut(res, slot, cache);
    if (!cache) return next();
    const request = graphqlRequestOf(req);
    if (!request) return next();
    if (req.method === 'GET' && !req.headers['apollo-require-preflight'] && !req.headers['x-apollo-operation-name'] && !req.is('application/json')) return next();
    let identity: Identity;
    try {
      identity = await opts.identify(req);
    } catch {
      // Refused as usual, by the request's own handling (401, audited).
      return next();
    }
    slot.identity = identity;
    slot.key = cacheKeyOf(identity, req.headers.accept, request);
    slot.generation = cache.generation;
    const answer = await cache.lookup(slot.key);
    recordCacheLookup('response', Boolean(answer));
    if (!answer) {
      // After the lookup's round trip the generation may be newer; still read before any data is.
      slot.generation = cache.generation;
      return next();
    }
    if (identity !== ANONYMOUS) {
      try {
        await opts.limitIdentity(identity);
      } catch {
        return next();
      }
    }
    slot.key = undefined;
    slot.served = true;
    res.status(200).set({ 'content-type': answer.contentType, 'cache-control': answer.cacheControl, etag: answer.etag });
    if (answer.cacheControl.startsWith('public')) res.vary('Authorization');
    res.send(answer.body);
  };
}

/** Wraps `res.send` for this request: an ETag on public answers, and the exact bytes sent into the cache. */
function keepOnTheWayOut(res: Response, slot: CacheSlot, cache: ResponseCache | undefined): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    if (typeof body === 'string' && res.statusCode === 200 && !slot.served) {
      const cacheControl = String(res.getHeader('cache-control') ?? '');
      const isPublic = cacheControl.startsWith('public');
      const keep = cache && slot.key && slot.storable;
      if (isPublic || keep) {
        const etag = weakEtag(body);
        res.setHeader('etag', etag);
        if (isPublic) res.vary('Authorization');
        if (keep) cache.store(slot.key!, { body, etag, cacheControl, contentType: String(res.getHeader('content-type') ?? 'application/json') }, slot.generation);
      }
    }
    return send(body);
  };
}
