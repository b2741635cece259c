import fs from 'node:fs';
import path from 'node:path';
import { type JWK, exportJWK, generateKeyPair } from 'jose';

/**
 * A development key pair, made on the first `npm start` and kept in the (git-ignored) data folder, so that
 * `npm run token` can sign tokens the local gateway accepts. Production uses JWT_JWKS_URL or
 * JWT_PUBLIC_KEY_FILE instead; this key is never used when NODE_ENV=production.
 */
export const DEV_ALGORITHM = 'ES256';

export interface DevKeys {
  privateJwk: JWK;
  publicJwk: JWK;
  dir: string;
}

export async function ensureDevKeys(dataDir: string): Promise<DevKeys> {
  const dir = path.join(dataDir, 'keys');
  const privateFile = path.join(dir, 'dev-private.jwk.json');
  const publicFile = path.join(dir, 'dev-public.jwk.json');
  if (!fs.existsSync(privateFile) || !fs.existsSync(publicFile)) {
    const { privateKey, publicKey } = await generateKeyPair(DEV_ALGORITHM, { extractable: true });
    const kid = `dev-${Date.now().toString(36)}`;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(privateFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: DEV_ALGORITHM }), { mode: 0o600 });
    fs.writeFileSync(publicFile, JSON.stringify({ ...(await exportJWK(publicKey)), kid, alg: DEV_ALGORITHM }));
  }
  return { privateJwk: JSON.parse(fs.readFileSync(privateFile, 'utf8')), publicJwk: JSON.parse(fs.readFileSync(publicFile, 'utf8')), dir };
}
