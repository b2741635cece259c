import pg from 'pg';
import type { SubgraphName } from '../core/config';
import { assertLoopback } from './load';

/**
 * The varied workload (issue 18): every scenario is many distinct requests of one question, their arguments drawn
 * from the registry itself, sent in a shuffled rotation so that no two connections ask the same thing in step
 * (which would measure the gateways' sharing of in-flight fetches rather than the gateways).
 */

/** One distinct request and what its answer must be: data under `root`, or an error with this code. */
export interface VariedRequest {
  body: string;
  root: string;
  expect: string;
  /** Sent with the partner's token (the partner scenario's requests, also where the mix takes them). */
  authenticated?: boolean;
}

export interface VariedScenario {
  name: string;
  /** Who asks this in real use: frontends (who-is-who pages), researchers (lists, search), partners (cards). */
  kind: 'frontend' | 'researcher' | 'partner';
  requests: VariedRequest[];
  /** Answered wholly by this subgraph: also measured straight against it. */
  subgraph?: SubgraphName;
  /** Sent with the partner's token. */
  authenticated?: boolean;
}

/** A fixed-seed shuffle: the same run twice sends the same sequence. */
export function shuffled<T>(items: T[], seed = 42): T[] {
  const out = [...items];
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A typing slip as people make them: two neighbouring letters swapped in the middle of the word. */
export function typo(word: string): string {
  if (word.length < 5) return word + word.at(-1);
  const i = Math.floor(word.length / 2);
  return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
}

async function ask<T>(url: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  assertLoopback(url);
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (!body.data || body.errors?.length) throw new Error(`bench: reading the workload's arguments failed: ${body.errors?.[0]?.message ?? response.status}`);
  return body.data;
}

/** The `after` cursors of every page of `size` of a list, walking it from the start. */
async function cursorsOf(url: string, field: string, size: number): Promise<Array<string | null>> {
  const cursors: Array<string | null> = [null];
  for (;;) {
    const after = cursors.at(-1)!;
    const data = await ask<Record<string, { pageInfo: { endCursor: string | null; hasNextPage: boolean } }>>(
      url,
      `query($first: Int, $after: String) { ${field}(first: $first, after: $after) { pageInfo { endCursor hasNextPage } } }`,
      { first: size, after },
    );
    const { endCursor, hasNextPage } = data[field]!.pageInfo;
    if (!hasNextPage || !endCursor || cursors.length > 200) return cursors;
    cursors.push(endCursor);
  }
}

const CARD = `matchedBy ambiguous cards { municipality { name } policeZone { name } judicialDivision { name } veiligHuisRegion { name }
  veiligHuis { organisation { name } reach { code channels { kind value } } } ariec { organisation { name } } contacts { title function organisation { name } } unsettledAreas { kind note } }`;
const WHO_IS_WHO = `query WhoIsWho($municipality: String, $postcode: String) { whoIsWho(municipality: $municipality, postcode: $postcode) { ${CARD} } }`;
const PROTOCOL = `query WhichProtocolApplies($phenomenon: String!, $municipality: String!, $partners: [String!]!) {
  whichProtocolApplies(phenomenon: $phenomenon, municipality: $municipality, partners: $partners) {
    municipality { name }
    applicable { status inForce { state reason } agreement { id title } matchedParties { role partyKind organisation { name } } legalBases { id inForce basis { title } } }
    notApplicable { agreement { id } reasons }
    explanation
  }
}`;
const SEARCH = 'query Search($q: String!) { search(query: $q) { type id label score } }';
const ORGANISATION = 'query OrganisationCard($id: ID!) { organisation(id: $id) { name kind contactPoints { kind value } posts { title function } partyTo { id title kind } } }';
const LISTS: Record<string, string> = {
  municipalities: 'query MunicipalityPage($first: Int, $after: String) { municipalities(first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { nis name policeZone { name } veiligHuis { organisation { name } } ariec { organisation { name } } } } }',
  organisations: 'query OrganisationPage($first: Int, $after: String) { organisations(first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { id name kind level } } }',
  cooperationInstruments: 'query InstrumentPage($first: Int, $after: String) { cooperationInstruments(first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { id name kind legalBases { title } } } }',
  legalBases: 'query LegalBasisPage($first: Int, $after: String) { legalBases(first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { id title kind level } } }',
};

const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

/**
 * The scenarios, from the registry the hub serves (`url`) and its database (`databaseUrl`, for what the API does
 * not list: former municipality names, the phenomena agreements name). `expect` is filled in by the harness's
 * check pass: 'data', or the code of the error the request is meant to get (a typo's NOT_FOUND).
 */
export async function variedScenarios(url: string, databaseUrl: string, opts: { protocolQuestions: number }): Promise<VariedScenario[]> {
  const data = await ask<{
    municipalities: { nodes: Array<{ name: string; postcodes: Array<{ postcode: string }> }> };
    organisations: { nodes: Array<{ id: string; name: string; kind: string }> };
    cooperationInstruments: { nodes: Array<{ name: string }> };
    legalBases: { nodes: Array<{ title: string }> };
  }>(
    url,
    '{ municipalities(first: 500) { nodes { name postcodes { postcode } } } organisations(first: 500) { nodes { id name kind } } cooperationInstruments(first: 500) { nodes { name } } legalBases(first: 500) { nodes { title } } }',
  );
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  let formerNames: string[];
  let phenomena: string[];
  let partyKinds: string[];
  try {
    formerNames = (await db.query<{ name: string }>('SELECT DISTINCT name FROM territory.former_municipality ORDER BY name')).rows.map((r) => r.name);
    phenomena = (await db.query<{ p: string }>('SELECT DISTINCT unnest(phenomena) AS p FROM partners.agreement ORDER BY p')).rows.map((r) => r.p.replace(/-/g, ' '));
    // The kinds of organisation that are party to an agreement: what a user names as a partner.
    partyKinds = (
      await db.query<{ kind: string }>(
        `SELECT DISTINCT coalesce(p.party_kind, o.kind) AS kind FROM partners.agreement_party p
           LEFT JOIN partners.organisation o ON o.id = p.organisation_id ORDER BY kind`,
      )
    ).rows.map((r) => r.kind);
  } catch {
    // Older or different column shapes: fall back to every kind of organisation the API lists.
    phenomena ??= ['intrafamiliaal geweld'];
    formerNames ??= [];
    partyKinds = [...new Set(data.organisations.nodes.map((o) => o.kind))];
  } finally {
    await db.end();
  }
  if (partyKinds.length < 2) partyKinds = [...new Set(data.organisations.nodes.map((o) => o.kind))];
  const municipalities = data.municipalities.nodes;
  const postcodes = [...new Set(municipalities.flatMap((m) => m.postcodes.map((p) => p.postcode)))];
  const whoIsWho: VariedRequest[] = [
    ...municipalities.map((m) => ({ body: body(WHO_IS_WHO, { municipality: m.name }), root: 'whoIsWho', expect: '' })),
    ...postcodes.map((postcode) => ({ body: body(WHO_IS_WHO, { postcode }), root: 'whoIsWho', expect: '' })),
    ...formerNames.map((name) => ({ body: body(WHO_IS_WHO, { municipality: name }), root: 'whoIsWho', expect: '' })),
    ...municipalities.filter((_, i) => i % 3 === 0).map((m) => ({ body: body(WHO_IS_WHO, { municipality: typo(m.name) }), root: 'whoIsWho', expect: '' })),
  ];
  // Phenomenon × municipality × pair of partner kinds: more than anyone would send; a fixed-seed sample of them.
  const pairs = partyKinds.flatMap((a, i) => partyKinds.slice(i + 1).map((b) => [a, b]));
  const combinations = phenomena.flatMap((phenomenon) => municipalities.flatMap((m) => pairs.map((partners) => ({ phenomenon, municipality: m.name, partners }))));
  const protocol: VariedRequest[] = shuffled(combinations)
    .slice(0, opts.protocolQuestions)
    .map((v) => ({ body: body(PROTOCOL, v), root: 'whichProtocolApplies', expect: '' }));
  // What researchers type: the first words of real names, some with a slip.
  const names = [...data.organisations.nodes.map((o) => o.name), ...data.cooperationInstruments.nodes.map((i) => i.name), ...data.legalBases.nodes.map((l) => l.title)];
  const terms = new Set<string>();
  for (const [i, name] of names.entries()) {
    const words = name.split(/\s+/).filter((w) => w.length > 2);
    if (words.length) terms.add(words.slice(0, 2).join(' ').toLowerCase());
    if (i % 4 === 0 && words[0]) terms.add(typo(words[0].toLowerCase()));
  }
  for (const m of municipalities.filter((_, i) => i % 10 === 0)) terms.add(m.name.toLowerCase());
  const search: VariedRequest[] = [...terms].map((q) => ({ body: body(SEARCH, { q }), root: 'search', expect: '' }));
  const pages: VariedRequest[] = [];
  for (const [field, query] of Object.entries(LISTS)) {
    for (const size of [20, 50]) {
      for (const after of await cursorsOf(url, field, size)) pages.push({ body: body(query, { first: size, after }), root: field, expect: '' });
    }
  }
  const cards: VariedRequest[] = data.organisations.nodes.map((o) => ({ body: body(ORGANISATION, { id: o.id }), root: 'organisation', expect: '', authenticated: true }));
  return [
    { name: 'whoIsWho (names, postcodes, former names, typos)', kind: 'frontend', requests: shuffled(whoIsWho) },
    { name: 'whichProtocolApplies (phenomenon × place × partners)', kind: 'frontend', requests: shuffled(protocol) },
    { name: 'search (real terms, typos)', kind: 'researcher', requests: shuffled(search), subgraph: 'partners' },
    { name: 'paged lists (4 lists × 2 page sizes)', kind: 'researcher', requests: shuffled(pages) },
    { name: 'organisation card (partner token)', kind: 'partner', requests: shuffled(cards), subgraph: 'partners', authenticated: true },
  ];
}

/**
 * The three kinds of users at once, from the scenarios' (checked) requests: frontends mostly who-is-who (55 %)
 * and the protocol question (15 %), researchers search (10 %) and paged lists (15 %), partners their cards (5 %).
 * Editors' writes are not in it: Hive cannot send them (it knows nothing of our tokens), and a write drops our
 * whole cache, which the cache test measures on its own.
 */
export function mixOf(scenarios: VariedScenario[], length = 2000): VariedScenario {
  const weights: Array<[number, number]> = [[0, 55], [1, 15], [2, 10], [3, 15], [4, 5]];
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  let state = 7;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const taken = weights.map(() => 0);
  const requests: VariedRequest[] = [];
  while (requests.length < length) {
    let pick = random() * total;
    const [index] = weights.find(([, w]) => (pick -= w) < 0) ?? weights[0]!;
    const from = scenarios[index]?.requests ?? [];
    if (!from.length) continue;
    requests.push(from[taken[index]!++ % from.length]!);
  }
  return { name: 'mix of the three kinds of users', kind: 'frontend', requests };
}

/** What an answer is: 'data' when its root field has data and there are no errors, else the first error's code. */
export function outcomeOf(text: string, root: string): string {
  let parsed: { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> };
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (parsed.errors?.length) return parsed.errors[0]?.extensions?.code ?? 'error without code';
  return parsed.data && parsed.data[root] !== undefined && parsed.data[root] !== null ? 'data' : 'no data';
}
