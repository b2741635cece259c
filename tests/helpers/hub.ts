import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../core/config';
import { createLogger } from '../../core/logger';
import { type RunningHub, startHub } from '../../hub/hub';
import { createTestDatabase } from './database';

/** The real hub (four subgraphs and the gateway, on free ports) over a seeded database of its own. */
export const TEST_SIGNING_SECRET = 'test-only-signing-secret-0123456789abcdef';

export async function startTestHub(
  opts: {
    onQuery?: (subgraph: string, sql: string) => void;
    env?: Record<string, string>;
    /** Also run the development OpenID provider, as `npm start` does (sign-in at /beheer). */
    devSignIn?: boolean;
  } = {},
): Promise<RunningHub & { graphql: HubGraphQL; url: string; dataDir: string }> {
  const db = await createTestDatabase({ seed: true });
  // Development keys for test tokens live in a folder of this hub's own.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketenkaart-hub-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    KETENKAART_DATA_DIR: dataDir,
    SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET,
    GATEWAY_PORT: '0',
    PARTNERS_PORT: '0',
    LEGAL_PORT: '0',
    TERRITORY_PORT: '0',
    INSTRUMENTS_PORT: '0',
    DEV_OIDC_PORT: '0',
    // As in production: the services connect as a role that owns nothing; migrations run as the owner.
    DATABASE_URL: db.serviceUrl,
    DATABASE_OWNER_URL: db.url,
    ...opts.env,
  });
  const hub = await startHub(config, { seed: false, logger: createLogger('test', (process.env.TEST_LOG_LEVEL ?? 'silent') as 'silent'), onQuery: opts.onQuery, devSignIn: opts.devSignIn });
  const url = hub.gateway.url;
  return {
    ...hub,
    url,
    dataDir,
    graphql: (query, variables, headers) => graphql(url, query, variables, headers),
    async stop() {
      await hub.stop();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Sends a query to the test hub's gateway. */
export type HubGraphQL = <T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLResponse<T>>;

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export async function graphql<T = any>(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphQLResponse['errors'] };
  return { status: response.status, headers: response.headers, ...body };
}
