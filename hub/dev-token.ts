import { SignJWT, importJWK } from 'jose';
import type { Config } from '../core/config';
import { DEV_ALGORITHM, ensureDevKeys } from '../gateway/auth/dev-keys';

export interface DevTokenClaims {
  role: string;
  org?: string;
  municipalities?: string[];
}

/**
 * A token signed with the development key in the data folder, which a local gateway accepts: for
 * `npm run token` and for the tools that read admin-only answers from a hub they start themselves (the gap
 * export, the coverage table). Never for production.
 */
export async function signDevToken(config: Config, claims: DevTokenClaims, opts: { subject: string; expires: string }): Promise<string> {
  if (config.env === 'production') throw new Error('development tokens are not for production (NODE_ENV=production).');
  const { privateJwk } = await ensureDevKeys(config.dataDir);
  const key = await importJWK(privateJwk, DEV_ALGORITHM);
  return new SignJWT({ role: claims.role, org: claims.org, municipalities: claims.municipalities })
    .setProtectedHeader({ alg: DEV_ALGORITHM, kid: privateJwk.kid })
    .setSubject(opts.subject)
    .setIssuer(config.jwt.issuer)
    .setAudience(config.jwt.audience)
    .setIssuedAt()
    .setExpirationTime(opts.expires)
    .sign(key);
}
