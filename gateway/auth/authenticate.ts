import fs from 'node:fs';
import { GraphQLError } from 'graphql';
import { type CryptoKey, type JWTPayload, type JWTVerifyGetKey, createLocalJWKSet, createRemoteJWKSet, importJWK, importSPKI, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Config } from '../../core/config';
import { ANONYMOUS, type Identity, isRole } from '../../core/auth/roles';
import { ErrorCode } from '../../core/errors';
import { ensureDevKeys } from './dev-keys';

/**
 * Turns an `Authorization: Bearer <JWT>` header into an Identity. Tokens are verified with `jose` against the
 * configured keys, with explicit algorithms (never `none`, never HMAC), issuer, audience, expiry and clock
 * tolerance. No header means anonymous; a bad token is refused, never downgraded to anonymous.
 */
export type Authenticator = (authorization: string | undefined) => Promise<Identity>;

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });

async function keyResolver(config: Config): Promise<JWTVerifyGetKey | CryptoKey | Uint8Array> {
  if (config.jwt.jwksUrl) return createRemoteJWKSet(new URL(config.jwt.jwksUrl));
  if (config.jwt.publicKeyFile) {
    const text = fs.readFileSync(config.jwt.publicKeyFile, 'utf8').trim();
    if (text.startsWith('{')) {
      const jwk = JSON.parse(text);
      return jwk.keys ? createLocalJWKSet(jwk) : ((await importJWK(jwk, jwk.alg ?? config.jwt.algorithms[0])) as CryptoKey);
    }
    return importSPKI(text, config.jwt.algorithms[0]);
  }
  if (config.env === 'production') {
    throw Object.assign(new Error('JWT_JWKS_URL or JWT_PUBLIC_KEY_FILE is required in production.'), { userFacing: true });
  }
  const { publicJwk } = await ensureDevKeys(config.dataDir);
  return createLocalJWKSet({ keys: [publicJwk] });
}

export function identityFromClaims(payload: JWTPayload): Identity {
  const role = payload.role;
  if (!isRole(role) || role === 'ANONYMOUS') throw unauthenticated('The token has no valid role claim.');
  const org = typeof payload.org === 'string' ? payload.org : undefined;
  const municipalities = Array.isArray(payload.municipalities) ? payload.municipalities.map(String) : undefined;
  if ((role === 'PARTNER' || role === 'EDITOR') && !org) throw unauthenticated(`A ${role} token needs an org claim (the organisation id).`);
  if (role === 'LOCAL_GOVERNMENT' && !municipalities?.length) throw unauthenticated('A LOCAL_GOVERNMENT token needs a municipalities claim (NIS codes).');
  return { role, sub: payload.sub, org, municipalities };
}

/** At most this long a verified token is taken on trust without checking its signature again. */
const VERIFIED_TOKEN_TTL_MS = 60_000;

export async function createAuthenticator(config: Config): Promise<Authenticator> {
  const key = await keyResolver(config);
  // Verifying an ES256/RS256 signature was the largest single cost of an answer served from the response cache
  // (profile in docs/benchmarks.md): a token verified once is known for a minute, never past its exp or maximum
  // age. Only verified tokens are kept (the whole token is the key); a refused one is checked, and refused, again.
  const verified = new LRUCache<string, Identity>({ max: 10_000, ttlAutopurge: false });
  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    // The scheme is case-insensitive (RFC 9110 §11.1): `bearer` and `BEARER` are the same.
    const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('De Authorization-header moet "Bearer <JWT>" zijn.');
    const known = verified.get(match[1]);
    if (known) return known;
    try {
      const { payload } = await jwtVerify(match[1], key as never, {
        algorithms: config.jwt.algorithms,
        issuer: config.jwt.issuer,
        audience: config.jwt.audience,
        clockTolerance: config.jwt.clockToleranceSeconds,
        // A token says when it was issued, not in the future, and is not older than the maximum age: a stolen
        // long-lived token (or one with a 100-year `exp`) stops working after that.
        maxTokenAge: config.jwt.maxTokenAgeSeconds,
        requiredClaims: ['exp', 'sub', 'iat'],
      });
      if (payload.exp! - payload.iat! > config.jwt.maxTokenAgeSeconds) {
        throw unauthenticated(`Authentication failed: the token lives longer than the ${config.jwt.maxTokenAgeSeconds} s this hub accepts (exp - iat).`);
      }
      const identity = identityFromClaims(payload);
      const now = Date.now();
      const ttl = Math.min(payload.exp! * 1000, (payload.iat! + config.jwt.maxTokenAgeSeconds) * 1000, now + VERIFIED_TOKEN_TTL_MS) - now;
      if (ttl > 0) verified.set(match[1], identity, { ttl });
      return identity;
    } catch (err) {
      if (err instanceof GraphQLError) throw err;
      const code = (err as { code?: string }).code ?? '';
      const reason =
        code === 'ERR_JWT_EXPIRED' ? 'the token has expired (or is older than the maximum token age)' :
        code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' ? `the token's ${(err as { claim?: string }).claim ?? ''} claim is not accepted here` :
        code === 'ERR_JOSE_ALG_NOT_ALLOWED' ? 'the token is signed with an algorithm that is not accepted' :
        'the token is not valid (signature, key or format)';
      throw unauthenticated(`Authentication failed: ${reason}.`);
    }
  };
}
