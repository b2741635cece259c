import { SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';
import { DEV_ALGORITHM, ensureDevKeys } from '../../gateway/auth/dev-keys';

export interface TokenClaims {
  role: string;
  org?: string;
  municipalities?: string[];
}

/** A token the test hub accepts (signed with its development key), or one that is wrong in a chosen way. */
export async function token(
  dataDir: string,
  claims: TokenClaims,
  opts: { audience?: string; issuer?: string; expiresAt?: number; unknownKey?: boolean } = {},
): Promise<string> {
  const { privateJwk } = await ensureDevKeys(dataDir);
  const key = opts.unknownKey ? (await generateKeyPair(DEV_ALGORITHM)).privateKey : await importJWK(privateJwk, DEV_ALGORITHM);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: DEV_ALGORITHM, kid: opts.unknownKey ? 'unknown' : privateJwk.kid })
    .setSubject(`test-${claims.role.toLowerCase()}`)
    .setIssuer(opts.issuer ?? 'ketenkaart-dev')
    .setAudience(opts.audience ?? 'ketenkaart')
    .setIssuedAt()
    .setExpirationTime(opts.expiresAt ?? '1h')
    .sign(key);
}

/** The classic forgery: `alg: none`, no signature. */
export function unsignedToken(claims: TokenClaims): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...claims, sub: 'forged', iss: 'ketenkaart-dev', aud: 'ketenkaart', exp: now + 3600 })}.`;
}

export { exportJWK };
