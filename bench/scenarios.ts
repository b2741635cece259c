import type { SubgraphName } from '../core/config';

/**
 * The questions the benchmark asks, each one GraphQL POST. Named operations, so that per-operation metrics and
 * the gateway's query-plan cache see them as what they are.
 */
export interface Scenario {
  name: string;
  operationName: string;
  query: string;
  variables?: Record<string, unknown>;
  /**
   * Set when the whole query is answered by this one subgraph: the same query is then also sent straight to that
   * subgraph's /graphql, and the gateway's p95 is compared with it.
   */
  subgraph?: SubgraphName;
  /** Sends `authHeaders()` with every request. */
  authenticated?: boolean;
}

let bearer: string | undefined;

/** The token the authenticated scenario sends (a partner's, made by the harness with the hub's key). */
export function setAuthToken(token: string): void {
  bearer = token;
}

/** The headers of an authenticated caller, so that the gateway verifies a token and applies scoped rules. */
export function authHeaders(): Record<string, string> {
  if (!bearer) throw new Error('bench: setAuthToken() was not called');
  return { authorization: `Bearer ${bearer}` };
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'whoIsWho Hasselt',
    operationName: 'BenchWhoIsWho',
    query: `query BenchWhoIsWho { whoIsWho(municipality: "Hasselt") { cards { municipality { name } policeZone { name } veiligHuisRegion { name } veiligHuis { organisation { name } } ariec { organisation { name } } contacts { title } } } }`,
  },
  {
    name: 'whichProtocolApplies IFG Hasselt',
    operationName: 'BenchWhichProtocolApplies',
    query: `query BenchWhichProtocolApplies($phenomenon: String!, $municipality: String!, $partners: [String!]!) {
  whichProtocolApplies(phenomenon: $phenomenon, municipality: $municipality, partners: $partners) {
    municipality { name }
    applicable { status agreement { id title } matchedParties { role partyKind organisation { name } } legalBases { id inForce basis { title } } }
    notApplicable { agreement { id } reasons }
    explanation
  }
}`,
    variables: { phenomenon: 'intrafamiliaal geweld', municipality: 'Hasselt', partners: ['CAW', 'politie'] },
  },
  {
    name: 'municipalities(500) + regions',
    operationName: 'BenchMunicipalities',
    query: `query BenchMunicipalities { municipalities(first: 500) { nodes { name policeZone { name } veiligHuis { organisation { name } } ariec { organisation { name } } } } }`,
  },
  {
    name: 'search "veilig huis limburg"',
    operationName: 'BenchSearch',
    query: `query BenchSearch($q: String!) { search(query: $q) { type id label score } }`,
    variables: { q: 'veilig huis limburg' },
    subgraph: 'partners',
  },
  {
    // Field-level rules: an organisation's contact points, posts and agreements. All from the partners subgraph.
    name: 'authenticated organisation',
    operationName: 'BenchAuthenticatedOrganisation',
    query: `query BenchAuthenticatedOrganisation { organisation(id: "veilig-huis-limburg") { name contactPoints { kind value } posts { title function } partyTo { id title kind } } }`,
    subgraph: 'partners',
    authenticated: true,
  },
];

/** The JSON body of one scenario's POST. */
export function requestBody(s: Scenario): string {
  return JSON.stringify({ query: s.query, operationName: s.operationName, variables: s.variables ?? {} });
}

export function requestHeaders(s: Scenario): Record<string, string> {
  return { 'content-type': 'application/json', accept: 'application/json', ...(s.authenticated ? authHeaders() : {}) };
}
