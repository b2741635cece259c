import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration is read from the environment once per process and validated here, so a bad value stops
 * start-up with a message naming the variable instead of failing later somewhere deep in a request.
 */

const port = z.coerce
  .number({ message: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 (any free port) and 65535')
  .max(65535, 'must be between 0 (any free port) and 65535');

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as http://localhost:4001/graphql' });

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// URL such as postgres://user:password@host:5432/ketenkaart');

/** `https://app.example.org` or `http://localhost:5173`: scheme, host and optional port, exactly as a browser sends `Origin`. */
function isOrigin(value: string): boolean {
  if (!/^https?:\/\/[^/\s]+$/.test(value)) return false;
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

const originList = z
  .string()
  .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
  .refine((origins) => origins.every(isOrigin), {
    message: 'must be a comma-separated list of origins such as https://app.example.org,http://localhost:5173 (scheme, host and port only: no path, no trailing slash, no *)',
  });

/**
 * The database's own floor for audit retention: `prune_audit_log` refuses anything shorter, whoever calls it
 * (subgraphs/_shared/journal/ddl.ts). Checked here too, so that a too-short setting stops start-up by name.
 */
export const MIN_AUDIT_RETENTION_DAYS = 30;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'must be one of fatal, error, warn, info, debug, trace, silent',
  }).default('info'),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_OWNER_URL: postgresUrl.optional(),
  KETENKAART_DATA_DIR: z.string().min(1, 'must not be empty').default(path.resolve(process.cwd(), '.data')),
  EMBEDDED_PG_PORT: port.default(54329),
  GATEWAY_PORT: port.default(4000),
  PARTNERS_PORT: port.default(4001),
  LEGAL_PORT: port.default(4002),
  TERRITORY_PORT: port.default(4003),
  INSTRUMENTS_PORT: port.default(4004),
  PARTNERS_URL: httpUrl.optional(),
  LEGAL_URL: httpUrl.optional(),
  TERRITORY_URL: httpUrl.optional(),
  INSTRUMENTS_URL: httpUrl.optional(),
  SUBGRAPH_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters (use a long random string)').optional(),
  SUBGRAPH_SIGNING_SECRET_PREVIOUS: z.string().min(32, 'must be at least 32 characters (use a long random string)').optional(),
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters (use a long random string)').optional(),
  JWT_ISSUER: z.string().min(1, 'must not be empty').default('ketenkaart-dev'),
  JWT_AUDIENCE: z.string().min(1, 'must not be empty').default('ketenkaart'),
  JWT_JWKS_URL: httpUrl.optional(),
  JWT_PUBLIC_KEY_FILE: z.string().min(1, 'must not be empty').optional(),
  JWT_ALGORITHMS: z
    .string()
    .regex(/^(RS|PS|ES)(256|384|512)(,(RS|PS|ES)(256|384|512))*$/, 'must be a comma-separated list of asymmetric JWS algorithms such as ES256,RS256 (never none or HS*)')
    .default('ES256,RS256'),
  JWT_MAX_TOKEN_AGE_SECONDS: z.coerce.number({ message: 'must be a whole number of seconds' }).int('must be a whole number of seconds').min(60, 'must be at least 60').max(7 * 86_400, 'must be at most 604800 (7 days)').default(43_200),
  JWT_CLOCK_TOLERANCE_SECONDS: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(0, 'must be at least 0').max(300, 'must be at most 300').default(30),
  AUDIT_RETENTION_DAYS: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(MIN_AUDIT_RETENTION_DAYS, `must be at least ${MIN_AUDIT_RETENTION_DAYS}: the database keeps audit entries at least that long`)
    .default(730),
  CORS_ORIGINS: originList.default([]),
  RATE_LIMIT_PER_ADDRESS: z.coerce.number({ message: 'must be a whole number of requests per minute' }).int('must be a whole number').min(0, 'must be at least 0 (0: off)').default(3000),
  RATE_LIMIT_PER_IDENTITY: z.coerce.number({ message: 'must be a whole number of requests per minute' }).int('must be a whole number').min(0, 'must be at least 0 (0: off)').default(6000),
  TRUST_PROXY_HOPS: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(0, 'must be at least 0').max(10, 'must be at most 10').default(0),
  REQUEST_DEADLINE_MS: z.coerce.number({ message: 'must be a whole number of milliseconds' }).int('must be a whole number of milliseconds').min(100, 'must be at least 100').max(300_000, 'must be at most 300000').default(10_000),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://ketenkaart.vlaanderen.be (no trailing slash needed)' }).optional(),
  OIDC_ISSUER_URL: httpUrl.optional(),
  OIDC_CLIENT_ID: z.string().min(1, 'must not be empty').optional(),
  OIDC_CLIENT_SECRET: z.string().min(1, 'must not be empty').optional(),
  OIDC_REDIRECT_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://ketenkaart.vlaanderen.be/beheer/terugkeer' }).optional(),
  OIDC_SCOPES: z.string().regex(/^openid( [\w:.-]+)*$/, 'must be a space-separated list of scopes starting with openid, such as "openid profile ketenkaart"').default('openid profile ketenkaart'),
  OIDC_ROLE_CLAIM: z.string().min(1, 'must not be empty').default('role'),
  OIDC_ORG_CLAIM: z.string().min(1, 'must not be empty').default('org'),
  OIDC_MUNICIPALITIES_CLAIM: z.string().min(1, 'must not be empty').default('municipalities'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters (use a long random string)').optional(),
  SESSION_MAX_AGE_SECONDS: z.coerce.number({ message: 'must be a whole number of seconds' }).int('must be a whole number of seconds').min(300, 'must be at least 300').max(86_400, 'must be at most 86400 (one day)').default(28_800),
  DEV_OIDC_PORT: port.default(4010),
  DB_POOL_SIZE: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(10),
  FEED_PAGE_SIZE: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(100),
  FEED_SETTLE_MS: z.coerce.number({ message: 'must be a whole number of milliseconds' }).int('must be a whole number of milliseconds').min(0, 'must be at least 0').optional(),
  RESPONSE_CACHE_MB: z.coerce.number({ message: 'must be a whole number of megabytes' }).int('must be a whole number of megabytes').min(0, 'must be at least 0 (0: off)').max(4096, 'must be at most 4096').default(64),
  CACHE_INVALIDATION_DATABASE_URL: postgresUrl.optional(),
  SHARED_READS_SECONDS: z.coerce.number({ message: 'must be a whole number of seconds' }).int('must be a whole number of seconds').min(0, 'must be at least 0 (0: off)').max(3600, 'must be at most 3600').default(60),
});

export const SUBGRAPH_NAMES = ['partners', 'legal', 'territory', 'instruments'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export interface Config {
  env: 'development' | 'production' | 'test';
  logLevel: string;
  host: string;
  /**
   * An external PostgreSQL, as the services connect to it: the least-privilege runtime role. When absent the hub
   * runs its own embedded one.
   */
  databaseUrl?: string;
  /**
   * The same database as the role that owns the schemas: migrations, grants and the seed load run with it, never
   * the services. When absent they use `databaseUrl`, and the services then run with owner rights.
   */
  databaseOwnerUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  dbPoolSize: number;
  /** How long a subgraph keeps the rows its loaders read across requests, unless a write drops them first (0: off). */
  sharedReadsSeconds: number;
  /**
   * How long a request may take, end to end: the gateway's budget for a client request, passed on to every
   * subgraph call; a subgraph's limit for any request and each database statement.
   */
  requestDeadlineMs: number;
  gatewayPort: number;
  subgraphs: Record<SubgraphName, { port: number; url: string }>;
  /** Shared by the gateway and the subgraphs to sign and verify every request between them. */
  signingSecret?: string;
  /**
   * While the signing secret is being rotated: the one before it, still accepted (never used to sign), so that
   * services on the old and the new secret understand each other until every one has the new one.
   */
  previousSigningSecret?: string;
  /** What Prometheus must send (Authorization: Bearer …) to read /metrics; without it, /metrics is off in production. */
  metricsToken?: string;
  jwt: {
    issuer: string;
    audience: string;
    jwksUrl?: string;
    publicKeyFile?: string;
    algorithms: string[];
    clockToleranceSeconds: number;
    /** The oldest token accepted, by its `iat` (which it must carry); also the longest lifetime (`exp - iat`). */
    maxTokenAgeSeconds: number;
  };
  auditRetentionDays: number;
  /** Origins whose browser apps may call the gateway (CORS); empty: no cross-origin access. */
  corsOrigins: string[];
  /**
   * GraphQL requests a minute the gateway answers per client address and per signed-in identity (each gateway
   * replica counts its own); 0 turns a limit off. Behind reverse proxies, `trustProxyHops` says how many
   * `X-Forwarded-For` entries to trust for the address.
   */
  rateLimit: { perAddress: number; perIdentity: number; trustProxyHops: number };
  /**
   * Where the hub is reached from outside, without a trailing slash: the base of every record's HTTP URI
   * (`<base>/id/<type>/<id>`, core/record-uri.ts). Defaults to the gateway on localhost.
   */
  publicBaseUrl: string;
  /**
   * The public change feed (gateway/feed/): entries per page — part of every published page URL, so never changed
   * on a registry others follow — and how old a page's last entry must be before the page is final. A write's
   * journal time is taken before it commits, so an entry may appear behind a newer one for as long as a write
   * (or a seed load) can take; only past that is a full page immutable.
   */
  feed: { pageSize: number; settleMs: number };
  /**
   * Sign-in for people (the editors' page /beheer): the OpenID Connect issuer the gateway is a client of. Absent:
   * no sign-in at the gateway (outside production the hub then runs its development issuer, hub/dev-oidc/).
   */
  oidc?: OidcConfig;
  session: {
    /** Seals the session cookie (encrypted and authenticated); absent outside production: random per run. */
    secret?: string;
    maxAgeSeconds: number;
  };
  /** Where `npm start` runs its development OpenID provider (never in production). */
  devOidcPort: number;
  /**
   * The gateway's response cache: at most `maxMegabytes` of answers in memory (0: off), dropped whenever a write
   * is notified on `invalidationDatabaseUrl` (default DATABASE_URL; the hub passes its embedded database). Without
   * a database to listen on the cache stays off: it could not know of writes made through another replica.
   */
  responseCache: { maxMegabytes: number; invalidationDatabaseUrl?: string };
}

export interface OidcConfig {
  issuerUrl: string;
  clientId: string;
  clientSecret?: string;
  /** The gateway's callback as registered at the issuer; defaults to `<PUBLIC_BASE_URL>/beheer/terugkeer`. */
  redirectUrl: string;
  scopes: string;
  /** Which claims of the issuer carry the Ketenkaart role, organisation and municipalities (docs/security.md). */
  claims: { role: string; org: string; municipalities: string };
}

/**
 * The development issuer's path: it marks an issuer as the fictional one (hub/dev-oidc/), which a production
 * gateway refuses to trust.
 */
export const DEV_OIDC_PATH = '/ketenkaart-dev-oidc';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Sign-in settings that only make sense together. Production also refuses the development issuer (hub/dev-oidc/,
 * recognised by its path) and a session secret it would have to make up: sessions must survive a restart and be
 * readable by every replica.
 */
function oidcConfigProblems(e: z.infer<typeof envSchema>): string[] {
  const problems: string[] = [];
  const oidcVars = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const;
  if (!e.OIDC_ISSUER_URL) {
    const stray = oidcVars.filter((name) => e[name] !== undefined);
    if (stray.length) problems.push(`${stray.join(', ')} set but OIDC_ISSUER_URL is not: sign-in needs the issuer too`);
    return problems;
  }
  if (!e.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID is required with OIDC_ISSUER_URL: the client id the issuer registered for this hub');
  if (e.NODE_ENV === 'production') {
    if (new URL(e.OIDC_ISSUER_URL).pathname.replace(/\/+$/, '').endsWith(DEV_OIDC_PATH)) {
      problems.push(`OIDC_ISSUER_URL=${JSON.stringify(e.OIDC_ISSUER_URL)}: that is the development issuer with fictional accounts, never trusted in production`);
    }
    if (!e.SESSION_SECRET) problems.push('SESSION_SECRET is required in production with OIDC_ISSUER_URL: it seals the session cookies (the same value on every gateway replica)');
    if (!e.OIDC_REDIRECT_URL && !e.PUBLIC_BASE_URL) problems.push('OIDC_REDIRECT_URL (or PUBLIC_BASE_URL) is required in production with OIDC_ISSUER_URL: where the issuer sends people back');
  }
  return problems;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings are what `FOO= npm start` gives; treat them as unset rather than as an invalid value.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return `${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  const portOf: Record<SubgraphName, number> = {
    partners: e.PARTNERS_PORT,
    legal: e.LEGAL_PORT,
    territory: e.TERRITORY_PORT,
    instruments: e.INSTRUMENTS_PORT,
  };
  const urlOf: Record<SubgraphName, string | undefined> = {
    partners: e.PARTNERS_URL,
    legal: e.LEGAL_URL,
    territory: e.TERRITORY_URL,
    instruments: e.INSTRUMENTS_URL,
  };
  const allPorts = [e.GATEWAY_PORT, ...Object.values(portOf)];
  const duplicate = allPorts.find((p, i) => p !== 0 && allPorts.indexOf(p) !== i);
  if (duplicate !== undefined) {
    throw new ConfigError([`port ${duplicate} is configured for more than one service (GATEWAY_PORT, PARTNERS_PORT, LEGAL_PORT, TERRITORY_PORT, INSTRUMENTS_PORT must differ)`]);
  }
  if (e.DATABASE_OWNER_URL && !e.DATABASE_URL) {
    throw new ConfigError([
      'DATABASE_OWNER_URL is set but DATABASE_URL is not: DATABASE_URL is what the services connect with (the runtime role), DATABASE_OWNER_URL the owner role of the same database that runs migrations and the seed',
    ]);
  }
  const oidcProblems = oidcConfigProblems(e);
  if (oidcProblems.length) throw new ConfigError(oidcProblems);
  const clientHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST;
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://localhost:${e.GATEWAY_PORT}`).replace(/\/+$/, '');
  const subgraphs = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [
      name,
      { port: portOf[name], url: urlOf[name] ?? `http://${clientHost}:${portOf[name]}/graphql` },
    ]),
  ) as Config['subgraphs'];
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseOwnerUrl: e.DATABASE_OWNER_URL,
    dataDir: path.resolve(e.KETENKAART_DATA_DIR),
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    dbPoolSize: e.DB_POOL_SIZE,
    sharedReadsSeconds: e.SHARED_READS_SECONDS,
    requestDeadlineMs: e.REQUEST_DEADLINE_MS,
    gatewayPort: e.GATEWAY_PORT,
    subgraphs,
    signingSecret: e.SUBGRAPH_SIGNING_SECRET,
    previousSigningSecret: e.SUBGRAPH_SIGNING_SECRET_PREVIOUS,
    metricsToken: e.METRICS_TOKEN,
    jwt: {
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      jwksUrl: e.JWT_JWKS_URL,
      publicKeyFile: e.JWT_PUBLIC_KEY_FILE,
      algorithms: e.JWT_ALGORITHMS.split(','),
      clockToleranceSeconds: e.JWT_CLOCK_TOLERANCE_SECONDS,
      maxTokenAgeSeconds: e.JWT_MAX_TOKEN_AGE_SECONDS,
    },
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    corsOrigins: e.CORS_ORIGINS,
    rateLimit: { perAddress: e.RATE_LIMIT_PER_ADDRESS, perIdentity: e.RATE_LIMIT_PER_IDENTITY, trustProxyHops: e.TRUST_PROXY_HOPS },
    publicBaseUrl,
    // Unset: a minute, and never less than twice the longest a write may take.
    feed: { pageSize: e.FEED_PAGE_SIZE, settleMs: e.FEED_SETTLE_MS ?? Math.max(60_000, 2 * e.REQUEST_DEADLINE_MS) },
    oidc: e.OIDC_ISSUER_URL
      ? {
          issuerUrl: e.OIDC_ISSUER_URL,
          clientId: e.OIDC_CLIENT_ID!,
          clientSecret: e.OIDC_CLIENT_SECRET,
          redirectUrl: e.OIDC_REDIRECT_URL ?? `${publicBaseUrl}/beheer/terugkeer`,
          scopes: e.OIDC_SCOPES,
          claims: { role: e.OIDC_ROLE_CLAIM, org: e.OIDC_ORG_CLAIM, municipalities: e.OIDC_MUNICIPALITIES_CLAIM },
        }
      : undefined,
    session: { secret: e.SESSION_SECRET, maxAgeSeconds: e.SESSION_MAX_AGE_SECONDS },
    devOidcPort: e.DEV_OIDC_PORT,
    responseCache: { maxMegabytes: e.RESPONSE_CACHE_MB, invalidationDatabaseUrl: e.CACHE_INVALIDATION_DATABASE_URL ?? e.DATABASE_URL },
  };
}
