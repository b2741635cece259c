import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../core/config';
import type { Identity } from '../core/auth/roles';
import { ErrorCode } from '../core/errors';

/**
 * How many GraphQL requests a minute one client may send: per address (before anything else is done for the
 * request) and per signed-in identity (once its token is verified, so that one token shared across addresses is
 * counted as one). The counts are kept per gateway replica, in memory: with N replicas behind a balancer a
 * client gets up to N times the limit (docs/security.md). A client over the limit gets 429 with Retry-After.
 */
const WINDOW_SECONDS = 60;

function retryAfterSeconds(rejection: unknown): number {
  return rejection instanceof RateLimiterRes ? Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) : WINDOW_SECONDS;
}

/** The refusal, as an error a client sees: the limit that was met and when to try again. */
function refusal(what: string, limit: number, retryAfter: number) {
  return {
    message: `Too many requests ${what}: at most ${limit} a minute. Try again in ${retryAfter} s.`,
    extensions: { code: ErrorCode.RATE_LIMITED, limitPerMinute: limit, retryAfterSeconds: retryAfter },
  };
}

export function createRateLimits(config: Config['rateLimit']) {
  const perAddress = config.perAddress > 0 ? new RateLimiterMemory({ points: config.perAddress, duration: WINDOW_SECONDS }) : undefined;
  const perIdentity = config.perIdentity > 0 ? new RateLimiterMemory({ points: config.perIdentity, duration: WINDOW_SECONDS }) : undefined;

  const byAddress: RequestHandler = (req, res, next) => {
    if (!perAddress) return next();
    perAddress.consume(req.ip ?? 'unknown').then(
      () => next(),
      (rejection: unknown) => {
        const retryAfter = retryAfterSeconds(rejection);
        res.set('retry-after', String(retryAfter)).status(429).json({ errors: [refusal('from your address', config.perAddress, retryAfter)] });
      },
    );
  };

  /** After authentication: throws the 429 as a GraphQL error, which Apollo answers with its status and header. */
  async function byIdentity(identity: Identity): Promise<void> {
    if (!perIdentity || identity.role === 'ANONYMOUS' || !identity.sub) return;
    try {
      await perIdentity.consume(`${identity.role}:${identity.sub}`);
    } catch (rejection) {
      const retryAfter = retryAfterSeconds(rejection);
      const { message, extensions } = refusal('for your account', config.perIdentity, retryAfter);
      // Apollo Server sets the headers of an error thrown while building the context from this Map.
      throw new GraphQLError(message, { extensions: { ...extensions, http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) as never } } });
    }
  }

  return { byAddress, byIdentity };
}
