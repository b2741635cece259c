import { buildClientSchema, getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../helpers/database';
import { type GraphQLResponse, startTestHub } from '../helpers/hub';
import { type TokenClaims, token } from '../helpers/tokens';

/**
 * What every write checks first and how it checks dates (docs/editing.md), end to end through the gateway.
 *
 * 1. Ownership comes before anything about another organisation's record is revealed, in EVERY mutation of the
 *    schema: an editor of an unrelated organisation sends input that is wrong in revealing ways (a stale
 *    version, an overlapping holder, dates before the start, unknown references) and gets FORBIDDEN and nothing
 *    else. The mutations are read from the running schema: a new mutation fails this test until it has a case.
 * 2. An end date is checked against the start and, when the start is unknown, against the day the registry
 *    first recorded the record.
 *
 * Holders appointed here are fictional and exist only in this test's database.
 */

const ADMIN: TokenClaims = { role: 'ADMIN' };
/** An editor of an organisation that owns none of the records below and is party to none of their agreements. */
const OUTSIDER: TokenClaims = { role: 'EDITOR', org: 'ariec-limburg' };
const FJC_EDITOR: TokenClaims = { role: 'EDITOR', org: 'fjc-limburg' };
const SOURCE = { document: 'tests/e2e/write-checks.test.ts', locator: 'fictional test record' };

let hub: Awaited<ReturnType<typeof startTestHub>>;
let holderId: string;
beforeAll(async () => {
  hub = await startTestHub();
  const appointed = await as(ADMIN, `mutation { appointPostHolder(input: { postId: "fjc-limburg-casusregisseur", personName: "Fictieve Casusregisseur",
      validFrom: "2026-01-01", fictional: true, sources: [{ document: "tests/e2e/write-checks.test.ts", locator: "fixture" }] }) { id } }`);
  expect(appointed.errors).toBeUndefined();
  holderId = appointed.data.appointPostHolder.id;
});
afterAll(() => hub?.stop());

async function as<T = any>(claims: TokenClaims | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = claims ? { authorization: `Bearer ${await token(hub.dataDir, claims)}` } : {};
  return hub.graphql<T>(query, variables, headers);
}

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

/**
 * One attempt per mutation on a record of another organisation (fjc-limburg's, or one naming only others), with
 * input that would otherwise be answered with what is wrong with it — and so with what the record holds.
 */
const ATTEMPTS: Record<string, (ids: { holder: string }) => string> = {
  // Admins only: refused at the gateway, before the subgraph is asked.
  createOrganisation: () => 'mutation { createOrganisation(input: { name: " ", kind: CAW, level: FLEMISH, serves: [{ scale: POLICE_ZONE, ref: "nope" }], sources: [] }) { id } }',
  updateOrganisation: () => `mutation { updateOrganisation(id: "fjc-limburg", version: 999, changes: { name: " ", kbo: "1", parentId: "fjc-limburg",
      serves: [{ scale: POLICE_ZONE, ref: "nope" }], validFrom: "2999-01-01" }) { id } }`,
  endOrganisation: () => 'mutation { endOrganisation(id: "fjc-limburg", version: 999, validTo: "1900-01-01") { id } }',
  confirmOrganisation: () => 'mutation { confirmOrganisation(id: "fjc-limburg") { id } }',
  createPost: () => `mutation { createPost(input: { id: "fjc-limburg-casusregisseur", organisationId: "fjc-limburg", function: SPOC, title: " ",
      municipalityNis: "99999", sources: [] }) { id } }`,
  updatePost: () => 'mutation { updatePost(id: "fjc-limburg-casusregisseur", version: 999, changes: { title: " ", municipalityNis: "99999", validFrom: "2999-01-01" }) { id } }',
  endPost: () => 'mutation { endPost(id: "fjc-limburg-casusregisseur", version: 999, validTo: "1900-01-01") { id } }',
  confirmPost: () => 'mutation { confirmPost(id: "fjc-limburg-casusregisseur") { id } }',
  // The finding: the overlap with the current holder's period was reported before the refusal.
  createSite: () => 'mutation { createSite(input: { id: "fjc-limburg-hasselt", organisationId: "fjc-limburg", kind: ANTENNE, name: " ", municipalityNis: "99999", sources: [] }) { id } }',
  updateSite: () => 'mutation { updateSite(id: "fjc-limburg-hasselt", version: 999, changes: { name: " ", municipalityNis: "99999", validFrom: "2999-01-01" }) { id } }',
  endSite: () => 'mutation { endSite(id: "fjc-limburg-hasselt", version: 999, validTo: "1900-01-01") { id } }',
  confirmSite: () => 'mutation { confirmSite(id: "fjc-limburg-hasselt") { id } }',
  appointPostHolder: () => 'mutation { appointPostHolder(input: { postId: "fjc-limburg-casusregisseur", personName: "Fictief", email: "x", validFrom: "2026-06-01" }) { id } }',
  updatePostHolder: ({ holder }) => `mutation { updatePostHolder(id: "${holder}", version: 999, changes: { email: "x", validFrom: "2030-01-01" }) { id } }`,
  endPostHolder: ({ holder }) => `mutation { endPostHolder(id: "${holder}", version: 999, validTo: "1900-01-01") { id } }`,
  confirmPostHolder: ({ holder }) => `mutation { confirmPostHolder(id: "${holder}") { id } }`,
  createAgreement: () => `mutation { createAgreement(input: { id: "fjc-limburg-kaderovereenkomst", kind: PROTOCOL, title: " ", parentId: "nope",
      territory: [{ scale: JUDICIAL_DIVISION, ref: "nope" }], legalBasisIds: ["nope"], parties: [{ organisationId: "fjc-limburg" }, { organisationId: "caw-limburg" }],
      sources: [] }) { id } }`,
  updateAgreement: () => `mutation { updateAgreement(id: "fjc-limburg-kaderovereenkomst", version: 999, changes: { title: " ", legalBasisIds: ["nope"],
      territory: [{ scale: JUDICIAL_DIVISION, ref: "nope" }], parentId: "fjc-limburg-kaderovereenkomst", parties: [{ organisationId: "ariec-limburg" }] }) { id } }`,
  endAgreement: () => 'mutation { endAgreement(id: "fjc-limburg-kaderovereenkomst", version: 999, validTo: "1900-01-01") { id } }',
  confirmAgreement: () => 'mutation { confirmAgreement(id: "fjc-limburg-kaderovereenkomst") { id } }',
  confirmAgreementParty: () => 'mutation { confirmAgreementParty(agreementId: "fjc-limburg-kaderovereenkomst", organisationId: "fjc-limburg", version: 999) { id } }',
  declineAgreementParty: () => 'mutation { declineAgreementParty(agreementId: "fjc-limburg-kaderovereenkomst", organisationId: "caw-limburg", version: 999) { id } }',
  setInstrumentClassifications: () => `mutation { setInstrumentClassifications(instrumentId: "fjc-limburg-kaderovereenkomst", version: 999,
      classifications: [{ principle: PARTICIPATIE, dimension: INFORMEEL_OVERLEG, caseId: "nope", sources: [] }]) { id } }`,
  confirmInstrument: () => 'mutation { confirmInstrument(id: "fjc-limburg-kaderovereenkomst") { id } }',
};

/** What a refusal tells: for a bare one, the code and nothing else (no problems, no current record, no dates, no data). */
function refusal(name: string, response: GraphQLResponse) {
  const error = response.errors?.[0];
  const extensions = error?.extensions ?? {};
  return {
    name,
    code: error?.extensions?.code,
    errors: response.errors?.length ?? 0,
    details: ['problems', 'field', 'current', 'currentVersion', 'registeredOn', 'id', 'type'].filter((key) => extensions[key] !== undefined),
    dates: `${error?.message ?? ''} ${JSON.stringify(extensions)}`.match(/\d{4}-\d{2}-\d{2}/g),
    reveals: /overlap|version|validTo|validFrom|already|names no/i.test(error?.message ?? ''),
    data: response.data?.[name] ?? null,
  };
}
const bare = (name: string, code = 'FORBIDDEN') => ({ name, code, errors: 1, details: [], dates: null, reveals: false, data: null });

describe('ownership before anything else, in every mutation', () => {
  let mutations: string[];
  beforeAll(async () => {
    const introspection = await as(ADMIN, getIntrospectionQuery());
    mutations = Object.keys(buildClientSchema(introspection.data).getMutationType()!.getFields()).sort();
  });

  it('has an attempt for every mutation of the schema (a new mutation needs its row here)', () => {
    expect(mutations.length).toBeGreaterThan(15);
    expect(Object.keys(ATTEMPTS).sort()).toEqual(mutations);
  });

  it('refuses an editor of an unrelated organisation with FORBIDDEN and nothing else, and writes nothing', async () => {
    const [before] = await queryRows<{ versions: number; writes: number }>(hub.databaseUrl, `SELECT
        (SELECT count(*)::int FROM partners.record_version) + (SELECT count(*)::int FROM instruments.record_version) AS versions,
        (SELECT count(*)::int FROM partners.audit_log WHERE action = 'WRITE') + (SELECT count(*)::int FROM instruments.audit_log WHERE action = 'WRITE') AS writes`);
    const attempted = mutations.filter((name) => ATTEMPTS[name]); // a missing case is reported by the test above
    const answers = [];
    for (const name of attempted) answers.push(refusal(name, await as(OUTSIDER, ATTEMPTS[name]({ holder: holderId }))));
    // All at once, so that one diff shows every mutation that tells too much.
    expect(answers).toEqual(attempted.map((name) => bare(name, name === 'createOrganisation' ? 'UNAUTHORIZED_FIELD_OR_TYPE' : 'FORBIDDEN')));
    const [after] = await queryRows(hub.databaseUrl, `SELECT
        (SELECT count(*)::int FROM partners.record_version) + (SELECT count(*)::int FROM instruments.record_version) AS versions,
        (SELECT count(*)::int FROM partners.audit_log WHERE action = 'WRITE') + (SELECT count(*)::int FROM instruments.audit_log WHERE action = 'WRITE') AS writes`);
    expect(after).toEqual(before);
  });

  it('answers the same for a post holder that does not exist as for another organisation\'s (holder ids are not probed)', async () => {
    for (const name of ['updatePostHolder', 'endPostHolder', 'confirmPostHolder']) {
      const foreign = await as(OUTSIDER, ATTEMPTS[name]({ holder: holderId }));
      const missing = await as(OUTSIDER, ATTEMPTS[name]({ holder: 'no-such-holder' }));
      expect(refusal(name, missing)).toEqual(bare(name));
      expect(missing.errors![0].message.replace('no-such-holder', 'ID')).toBe(foreign.errors![0].message.replace(holderId, 'ID'));
    }
  });

  it('still tells the owner what is wrong with the input', async () => {
    const overlapping = await as(FJC_EDITOR, ATTEMPTS.appointPostHolder({ holder: holderId }));
    expect(codeOf(overlapping)).toBe('BAD_USER_INPUT');
    expect((overlapping.errors![0].extensions!.problems as Array<{ field: string }>).map((p) => p.field)).toEqual(['input.email']);
    const stale = await as(FJC_EDITOR, 'mutation { endPost(id: "fjc-limburg-casusregisseur", version: 999, validTo: "2030-01-01") { id } }');
    expect(codeOf(stale)).toBe('CONFLICT');
  });
});

describe('end dates against the start and the registration', () => {
  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());

  it.each([
    ['post', 'endPost', 'fjc-limburg-coordinator', 'query { organisation(id: "fjc-limburg") { posts { id version validFrom } } }'],
    ['agreement', 'endAgreement', 'fjc-limburg-protocol-casusoverleg', 'query { agreement(id: "fjc-limburg-protocol-casusoverleg") { id version validFrom } }'],
  ])('refuses ending a %s whose start is unknown before the day it was registered (the finding: 1900-01-01)', async (_type, mutation, id, read) => {
    const { data } = await as(null, read);
    const record = data.organisation?.posts?.find((p: { id: string }) => p.id === id) ?? data.organisation ?? data.agreement;
    expect(record.validFrom).toBeNull();
    const response = await as(FJC_EDITOR, `mutation($id: ID!, $v: Int!) { ${mutation}(id: $id, version: $v, validTo: "1900-01-01") { id validTo } }`, { id, v: record.version });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validTo', registeredOn: today() });
    expect(response.errors![0].message).toMatch(/er werd niets geschreven/i);
  });

  it('refuses ending an organisation before its start as the sources give it (a year: FJC Limburg, 2017)', async () => {
    const { data } = await as(null, 'query { organisation(id: "fjc-limburg") { version validFrom validity { from { edtf } } } }');
    expect(data.organisation).toMatchObject({ validFrom: null, validity: { from: { edtf: '2017' } } });
    const response = await as(FJC_EDITOR, 'mutation($v: Int!) { endOrganisation(id: "fjc-limburg", version: $v, validTo: "1900-01-01") { id } }', { v: data.organisation.version });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validTo' });
    expect(response.errors![0].message).toMatch(/2017.*er werd niets geschreven/i);
  });

  it('refuses it for a post holder too, and accepts an end on or after the registration', async () => {
    const appointed = await as(FJC_EDITOR, `mutation { appointPostHolder(input: { postId: "fjc-limburg-coordinator", personName: "Fictieve Coordinator", fictional: true }) { id } }`);
    expect(appointed.errors).toBeUndefined();
    const id = appointed.data.appointPostHolder.id;
    const early = await as(FJC_EDITOR, 'mutation($id: ID!) { endPostHolder(id: $id, version: 1, validTo: "1900-01-01") { id } }', { id });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validTo' });
    const ended = await as(FJC_EDITOR, 'mutation($id: ID!, $to: Date!) { endPostHolder(id: $id, version: 1, validTo: $to) { version validTo } }', { id, to: today() });
    expect(ended.errors).toBeUndefined();
    expect(ended.data.endPostHolder).toEqual({ version: 2, validTo: today() });
  });

  it('accepts history with a known start (ended before it was registered), but not clearing that start afterwards', async () => {
    const created = await as(FJC_EDITOR, `mutation($sources: [SourceInput!]!) { createPost(input: { id: "fjc-limburg-historische-functie", organisationId: "fjc-limburg",
        function: SPOC, title: "Historische functie (fictief)", validFrom: "2018-01-01", sources: $sources }) { id } }`, { sources: [SOURCE] });
    expect(created.errors).toBeUndefined();
    const beforeStart = await as(FJC_EDITOR, 'mutation { endPost(id: "fjc-limburg-historische-functie", version: 1, validTo: "2017-01-01") { id } }');
    expect(beforeStart.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validTo' });
    const ended = await as(FJC_EDITOR, 'mutation { endPost(id: "fjc-limburg-historische-functie", version: 1, validTo: "2020-01-01") { validTo } }');
    expect(ended.errors).toBeUndefined();
    const cleared = await as(FJC_EDITOR, 'mutation { updatePost(id: "fjc-limburg-historische-functie", version: 2, changes: { validFrom: null }) { id } }');
    expect(cleared.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'changes.validFrom' });
  });
});
