import { parseArgs } from 'node:util';
import { ROLES, isRole } from '../core/auth/roles';
import { loadConfig } from '../core/config';
import { failStartup } from '../core/process';
import { signDevToken } from './dev-token';

/**
 * `npm run token -- --role <role> [--org <id>] [--municipality <nis> …] [--expires 8h]`: a development token
 * the local gateway accepts, signed with the development key in the data folder. Never for production.
 */
const USAGE = `Usage: npm run token -- --role <role> [--org <organisation id>] [--municipality <NIS> …] [--subject <name>] [--expires 8h]

  --role          ${ROLES.filter((r) => r !== 'ANONYMOUS').join(', ')} (lower case works too)
  --org           the organisation, for PARTNER and EDITOR (an editor changes this organisation's records)
  --municipality  a NIS code, for LOCAL_GOVERNMENT; repeat for several
  --subject       who the token names in the audit trail (default dev-<role>)
  --expires       lifetime, for example 30m or 8h (default 8h; the gateway accepts at most JWT_MAX_TOKEN_AGE_SECONDS, 12h by default)

Prints a development token the local gateway accepts. Never for production.`;

function fail(message: string): never {
  throw Object.assign(new Error(`${message}\n\n${USAGE}`), { userFacing: true });
}

function readArguments() {
  try {
    return parseArgs({
      options: {
        help: { type: 'boolean', short: 'h' },
        role: { type: 'string' },
        org: { type: 'string' },
        municipality: { type: 'string', multiple: true },
        subject: { type: 'string' },
        expires: { type: 'string', default: '8h' },
      },
    }).values;
  } catch (err) {
    // An unknown or malformed option: say which, with the usage, not a stack trace.
    return fail((err as Error).message);
  }
}

(async () => {
  const values = readArguments();
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const role = values.role?.toUpperCase().replace(/-/g, '_');
  if (!isRole(role) || role === 'ANONYMOUS') fail(`--role must be one of ${ROLES.filter((r) => r !== 'ANONYMOUS').join(', ')} (anonymous callers need no token).`);
  if ((role === 'PARTNER' || role === 'EDITOR') && !values.org) fail(`a ${role} token needs --org <organisation id>.`);
  if (role === 'LOCAL_GOVERNMENT' && !values.municipality?.length) fail('a LOCAL_GOVERNMENT token needs --municipality <NIS code> (repeatable).');
  if (values.municipality?.some((m) => !/^\d{5}$/.test(m))) fail('--municipality takes 5-digit NIS codes, for example 71072.');
  const config = loadConfig();
  if (config.env === 'production') fail('development tokens are not for production (NODE_ENV=production).');
  const token = await signDevToken(config, { role: role!, org: values.org, municipalities: values.municipality }, {
    subject: values.subject ?? `dev-${role!.toLowerCase()}`,
    expires: values.expires!,
  });
  console.log(token);
})().catch(failStartup);
