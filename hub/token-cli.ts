import { parseArgs } from 'node:util';
import { SignJWT, importJWK } from 'jose';
import { ROLES, isRole } from '../subgraphs/_shared/auth/roles';
import { loadConfig } from '../subgraphs/_shared/config';
import { failStartup } from '../subgraphs/_shared/process';
import { DEV_ALGORITHM, ensureDevKeys } from '../gateway/auth/dev-keys';

/**
 * `npm run token -- --role <role> [--org <id>] [--municipality <nis> …] [--expires 8h]`: a development token
 * the local gateway accepts, signed with the development key in the data folder. Never for production.
 */
(async () => {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      org: { type: 'string' },
      municipality: { type: 'string', multiple: true },
      subject: { type: 'string' },
      expires: { type: 'string', default: '8h' },
    },
  });
  const fail = (message: string) => {
    throw Object.assign(new Error(message), { userFacing: true });
  };
  const role = values.role?.toUpperCase().replace(/-/g, '_');
  if (!isRole(role) || role === 'ANONYMOUS') fail(`--role must be one of ${ROLES.filter((r) => r !== 'ANONYMOUS').join(', ')} (anonymous callers need no token).`);
  if ((role === 'PARTNER' || role === 'EDITOR') && !values.org) fail(`a ${role} token needs --org <organisation id>.`);
  if (role === 'LOCAL_GOVERNMENT' && !values.municipality?.length) fail('a LOCAL_GOVERNMENT token needs --municipality <NIS code> (repeatable).');
  if (values.municipality?.some((m) => !/^\d{5}$/.test(m))) fail('--municipality takes 5-digit NIS codes, for example 71072.');
  const config = loadConfig();
  if (config.env === 'production') fail('development tokens are not for production (NODE_ENV=production).');
  const { privateJwk } = await ensureDevKeys(config.dataDir);
  const key = await importJWK(privateJwk, DEV_ALGORITHM);
  const token = await new SignJWT({ role, org: values.org, municipalities: values.municipality })
    .setProtectedHeader({ alg: DEV_ALGORITHM, kid: privateJwk.kid })
    .setSubject(values.subject ?? `dev-${role!.toLowerCase()}`)
    .setIssuer(config.jwt.issuer)
    .setAudience(config.jwt.audience)
    .setIssuedAt()
    .setExpirationTime(values.expires!)
    .sign(key);
  console.log(token);
})().catch(failStartup);
