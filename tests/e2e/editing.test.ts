import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../../hub/seed';
import { queryRows } from '../helpers/database';
import { type GraphQLResponse, startTestHub } from '../helpers/hub';
import { type TokenClaims, token } from '../helpers/tokens';

/**
 * Editors keep the registry current (issue 7), end to end: real PostgreSQL, the four subgraphs and the gateway,
 * every request through the gateway with a signed token. People appointed to posts here are fictional and
 * marked so; they exist only in this test's own database.
 */

let hub: Awaited<ReturnType<typeof startTestHub>>;
let startedAt: string;
beforeAll(async () => {
  hub = await startTestHub();
  startedAt = new Date().toISOString();
});
afterAll(() => hub?.stop());

const ADMIN: TokenClaims = { role: 'ADMIN' };
const CAW_EDITOR: TokenClaims = { role: 'EDITOR', org: 'caw-limburg' };
const FJC_EDITOR: TokenClaims = { role: 'EDITOR', org: 'fjc-limburg' };
const RESEARCHER: TokenClaims = { role: 'RESEARCHER' };

async function as<T = any>(claims: TokenClaims | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = claims ? { authorization: `Bearer ${await token(hub.dataDir, claims)}` } : {};
  return hub.graphql<T>(query, variables, headers);
}

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;
const SOURCE = { document: '002_f12f5aed2c75fb81.txt', locator: 'Antwoord, vraag 1' };

async function organisation(id: string) {
  const { data } = await as(null, 'query($id: ID!) { organisation(id: $id) { id version note contactPoints { kind value } lastConfirmed } }', { id });
  return data.organisation;
}

describe('organisations and contact points', () => {
  const UPDATE = `mutation($id: ID!, $version: Int!, $changes: OrganisationChanges!) {
    updateOrganisation(id: $id, version: $version, changes: $changes) { id version note contactPoints { kind value sources { url seen } } }
  }`;

  it('lets an editor change their own organisation: a new version, its history, and the audit trail with before and after', async () => {
    const before = await organisation('caw-limburg');
    const changes = {
      note: 'Algemeen nummer nagekeken door de redacteur (test).',
      contactPoints: [{ kind: 'WEBSITE', value: 'https://www.cawlimburg.be', sources: [{ url: 'https://www.cawlimburg.be', seen: '2026-11-25' }] }],
    };
    const response = await as(CAW_EDITOR, UPDATE, { id: 'caw-limburg', version: before.version, changes });
    expect(response.errors).toBeUndefined();
    expect(response.data.updateOrganisation).toMatchObject({ version: before.version + 1, note: changes.note, contactPoints: [{ kind: 'WEBSITE', value: 'https://www.cawlimburg.be' }] });

    const { data } = await as(null, `query { organisation(id: "caw-limburg") { history { version action state } } }`);
    const history = data.organisation.history;
    expect(history.map((v: { action: string }) => v.action)).toEqual(['CREATED', 'CHANGED']);
    expect(history[0].state.note).toBe(before.note);
    expect(history[1].state).toMatchObject({ note: changes.note, version: before.version + 1 });

    const audit = await as(ADMIN, '{ auditLog(first: 20) { nodes { action target subject details } } }');
    const entry = audit.data.auditLog.nodes.find((e: { target: string }) => e.target === 'ORGANISATION:caw-limburg');
    expect(entry).toMatchObject({ action: 'WRITE', subject: 'test-editor' });
    expect(entry.details.before.note).toBe(before.note);
    expect(entry.details.after.note).toBe(changes.note);
    expect(entry.details.after.contactPoints[0].value).toBe('https://www.cawlimburg.be');
  });

  it("refuses an editor another organisation's record (FORBIDDEN), and nothing changes", async () => {
    const before = await organisation('fjc-limburg');
    const response = await as(CAW_EDITOR, UPDATE, { id: 'fjc-limburg', version: before.version, changes: { note: 'not mine' } });
    expect(codeOf(response)).toBe('FORBIDDEN');
    expect(response.errors![0].message).toContain('caw-limburg');
    expect(await organisation('fjc-limburg')).toEqual(before);
  });

  it('refuses roles that do not edit, at the gateway', async () => {
    for (const claims of [null, RESEARCHER, { role: 'PARTNER', org: 'caw-limburg' }]) {
      const response = await as(claims, UPDATE, { id: 'caw-limburg', version: 1, changes: { note: 'x' } });
      expect(codeOf(response)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    }
    const create = await as(CAW_EDITOR, 'mutation { createOrganisation(input: { name: "X", kind: CAW, level: FLEMISH, serves: [], sources: [] }) { id } }');
    expect(codeOf(create)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });

  it('validates everything before writing and names each field and problem', async () => {
    const before = await organisation('caw-limburg');
    const response = await as(CAW_EDITOR, UPDATE, {
      id: 'caw-limburg',
      version: before.version,
      changes: {
        name: '  ',
        kbo: '12345',
        serves: [{ scale: 'POLICE_ZONE', ref: 'no-such-zone' }],
        contactPoints: [{ kind: 'EMAIL', value: 'not-an-address', sources: [] }],
      },
    });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    const fields = response.errors![0].extensions!.problems as Array<{ field: string; problem: string }>;
    expect(fields.map((p) => p.field).sort()).toEqual(
      ['changes.contactPoints[0].sources', 'changes.contactPoints[0].value', 'changes.kbo', 'changes.name', 'changes.serves[0]'].sort(),
    );
    expect(response.errors![0].message).toContain('er werd niets geschreven');
    expect(await organisation('caw-limburg')).toEqual(before);
  });

  it('lets an admin register an organisation, with its territory expanded by the territory subgraph', async () => {
    const response = await as(ADMIN, `mutation { createOrganisation(input: {
        name: "Testdienst Hasselt (fictief)", kind: OTHER, level: LOCAL, serves: [{ scale: MUNICIPALITY, ref: "71072" }],
        sources: [{ document: "tests/e2e/editing.test.ts", locator: "fictional test organisation" }] }) { id version serves { scale ref } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data.createOrganisation).toMatchObject({ id: 'testdienst-hasselt-fictief', version: 1 });
    const served = await as(null, '{ municipality(nis: "71072") { servingOrganisations(kind: OTHER) { id } } }');
    expect(served.data.municipality.servingOrganisations.map((o: { id: string }) => o.id)).toContain('testdienst-hasselt-fictief');
    const again = await as(ADMIN, `mutation { createOrganisation(input: { id: "testdienst-hasselt-fictief", name: "Dubbel", kind: OTHER, level: LOCAL, serves: [],
        sources: [{ document: "tests/e2e/editing.test.ts", locator: "x" }] }) { id } }`);
    expect(codeOf(again)).toBe('BAD_USER_INPUT');
    expect(again.errors![0].message).toContain('al in gebruik');
  });
});

describe('a start at the precision the source gives', () => {
  const UPDATE = `mutation($id: ID!, $version: Int!, $changes: OrganisationChanges!) {
    updateOrganisation(id: $id, version: $version, changes: $changes) { id version validFrom validity { from { edtf precision label } inForceOn(on: "2019-01-01") { state reason } } }
  }`;
  // An organisation of its own, so that no other test's dates move; made once the hub runs.
  const create = async () => {
    const response = await as(ADMIN, `mutation { createOrganisation(input: {
        name: "Testdienst met een maand als start (fictief)", kind: OTHER, level: LOCAL, serves: [{ scale: MUNICIPALITY, ref: "71072" }], validFromAsGiven: "2017",
        sources: [{ document: "tests/e2e/editing.test.ts", locator: "fictional test organisation" }] }) { id version validFrom validity { from { edtf precision } } } }`);
    expect(response.errors).toBeUndefined();
    return response.data.createOrganisation as { id: string; version: number; validFrom: string | null; validity: unknown };
  };
  let made: ReturnType<typeof create> | undefined;
  const created = () => (made ??= create());

  it('takes a month or a year from an editor (validFromAsGiven), keeps the day column for days only, and answers as of a date three-valued', async () => {
    const record = await created();
    expect(record).toMatchObject({ validFrom: null, validity: { from: { edtf: '2017', precision: 'YEAR' } } });
    const month = await as(ADMIN, UPDATE, { id: record.id, version: record.version, changes: { validFromAsGiven: '2018-09' } });
    expect(month.errors).toBeUndefined();
    expect(month.data.updateOrganisation).toMatchObject({ validFrom: null, validity: { from: { edtf: '2018-09', precision: 'MONTH', label: 'september 2018' }, inForceOn: { state: 'IN_FORCE' } } });
    const inside = await as(null, `{ organisation(id: "${record.id}") { validity { inForceOn(on: "2018-09-10") { state reason } } } }`);
    expect(inside.data.organisation.validity.inForceOn).toEqual({ state: 'UNKNOWN', reason: 'START_WITHIN_PERIOD' });
    // A day later replaces it, as the day it is.
    const day = await as(ADMIN, UPDATE, { id: record.id, version: month.data.updateOrganisation.version, changes: { validFrom: '2018-09-17' } });
    expect(day.data.updateOrganisation).toMatchObject({ validFrom: '2018-09-17', validity: { from: { edtf: '2018-09-17', precision: 'DAY' } } });
  });

  it('refuses a start that is no date at any precision, or that says otherwise than validFrom, naming the field', async () => {
    const { id } = await created();
    const { data } = await as(null, `{ organisation(id: "${id}") { version } }`);
    const bad = await as(ADMIN, UPDATE, { id, version: data.organisation.version, changes: { validFromAsGiven: 'najaar 2017' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'changes.validFromAsGiven', code: 'NOT_A_DATE', problem: expect.stringContaining('JJJJ-MM') }] });
    const both = await as(ADMIN, UPDATE, { id, version: data.organisation.version, changes: { validFrom: '2018-09-17', validFromAsGiven: '2017' } });
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'changes.validFromAsGiven', code: 'CONFLICTING_DATES' }] });
    expect((await as(null, `{ organisation(id: "${id}") { version } }`)).data.organisation.version).toBe(data.organisation.version);
  });
});

describe('all or nothing', () => {
  it('leaves no trace of a write that fails part-way: record, coverage, history and audit roll back together', async () => {
    const id = 'vertrouwenscentrum-kindermishandeling-limburg';
    const snapshot = () =>
      queryRows(hub.databaseUrl, `SELECT
          (SELECT row_to_json(o)::text FROM partners.organisation o WHERE o.id = '${id}') AS record,
          (SELECT count(*)::int FROM partners.organisation_municipality WHERE organisation_id = '${id}') AS coverage,
          (SELECT count(*)::int FROM partners.record_version WHERE record_id = '${id}') AS versions,
          (SELECT count(*)::int FROM partners.audit_log WHERE target = 'ORGANISATION:${id}') AS audits`);
    const before = await snapshot();
    // Failure injection in the real database: the audit entry, the last step of the write, is refused.
    await queryRows(hub.databaseUrl, `
      CREATE FUNCTION partners.refuse_test_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.target = 'ORGANISATION:${id}' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_test_audit BEFORE INSERT ON partners.audit_log FOR EACH ROW EXECUTE FUNCTION partners.refuse_test_audit();`);
    try {
      const { data } = await as(null, `{ organisation(id: "${id}") { version } }`);
      const response = await as(ADMIN, `mutation($v: Int!) { updateOrganisation(id: "${id}", version: $v, changes: {
          note: "mag niet blijven", serves: [{ scale: FLANDERS }] }) { version } }`, { v: data.organisation.version });
      expect(codeOf(response)).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(response.errors)).not.toContain('injected failure');
    } finally {
      await queryRows(hub.databaseUrl, 'DROP TRIGGER refuse_test_audit ON partners.audit_log; DROP FUNCTION partners.refuse_test_audit();');
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('posts and who holds them', () => {
  let postId: string;

  it('creates a post of the own organisation, checking its municipality with the territory subgraph', async () => {
    const unknown = await as(CAW_EDITOR, `mutation { createPost(input: { organisationId: "caw-limburg", function: SPOC, title: "SPOC intrafamiliaal geweld",
        municipalityNis: "99999", sources: [{ document: "002_f12f5aed2c75fb81.txt", locator: "Antwoord, vraag 1" }] }) { id } }`);
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0].extensions!.field).toBe('input.municipalityNis');

    const otherOrg = await as(CAW_EDITOR, `mutation { createPost(input: { organisationId: "fjc-limburg", function: SPOC, title: "Niet van mij",
        sources: [{ document: "002_f12f5aed2c75fb81.txt", locator: "x" }] }) { id } }`);
    expect(codeOf(otherOrg)).toBe('FORBIDDEN');

    const created = await as(CAW_EDITOR, `mutation { createPost(input: { organisationId: "caw-limburg", function: SPOC, title: "SPOC intrafamiliaal geweld",
        municipalityNis: "71072", validFrom: "2026-01-01", sources: [{ document: "002_f12f5aed2c75fb81.txt", locator: "Antwoord, vraag 1" }] }) {
        id version municipality { nis name } organisation { id } } }`);
    expect(created.errors).toBeUndefined();
    expect(created.data.createPost).toMatchObject({ version: 1, municipality: { nis: '71072', name: 'Hasselt' }, organisation: { id: 'caw-limburg' } });
    postId = created.data.createPost.id;
  });

  it('keeps one holder at a time, and answers who held the post as of a date after a handover', async () => {
    const appoint = (name: string, from: string) =>
      as(CAW_EDITOR, `mutation($postId: ID!, $name: String!, $from: Date!) {
          appointPostHolder(input: { postId: $postId, personName: $name, email: "spoc@example.invalid", validFrom: $from, fictional: true }) { id version personName }
        }`, { postId, name, from });
    const first = await appoint('Fictieve Eerste Houder', '2026-01-01');
    expect(first.errors).toBeUndefined();
    const overlapping = await appoint('Fictieve Tweede Houder', '2026-06-01');
    expect(codeOf(overlapping)).toBe('BAD_USER_INPUT');
    expect(overlapping.errors![0].extensions!.field).toBe('input.validFrom');

    const badEnd = await as(CAW_EDITOR, 'mutation($id: ID!) { endPostHolder(id: $id, version: 1, validTo: "2025-12-01") { id } }', { id: first.data.appointPostHolder.id });
    expect(codeOf(badEnd)).toBe('BAD_USER_INPUT');
    const ended = await as(CAW_EDITOR, 'mutation($id: ID!) { endPostHolder(id: $id, version: 1, validTo: "2026-06-01") { version validTo } }', { id: first.data.appointPostHolder.id });
    expect(ended.data.endPostHolder).toEqual({ version: 2, validTo: '2026-06-01' });
    expect((await appoint('Fictieve Tweede Houder', '2026-06-01')).errors).toBeUndefined();

    const holders = (on: string) =>
      as(ADMIN, `query($on: Date!) { organisation(id: "caw-limburg") { posts(on: $on) { id holders(on: $on) { personName fictional } } } }`, { on }).then(
        (r) => r.data.organisation.posts.find((p: { id: string }) => p.id === postId).holders,
      );
    expect(await holders('2026-03-01')).toEqual([{ personName: 'Fictieve Eerste Houder', fictional: true }]);
    expect(await holders('2026-09-01')).toEqual([{ personName: 'Fictieve Tweede Houder', fictional: true }]);
  });

  it('ends a post instead of deleting it: it is gone after its end date and still there before', async () => {
    const ended = await as(CAW_EDITOR, 'mutation($id: ID!) { endPost(id: $id, version: 1, validTo: "2027-01-01", note: "Functie opgeheven (test)") { version validTo } }', { id: postId });
    expect(ended.data.endPost).toEqual({ version: 2, validTo: '2027-01-01' });
    const postsOn = async (on: string) =>
      (await as(null, 'query($on: Date!) { organisation(id: "caw-limburg") { posts(on: $on) { id } } }', { on })).data.organisation.posts.map((p: { id: string }) => p.id);
    expect(await postsOn('2026-12-31')).toContain(postId);
    expect(await postsOn('2027-01-01')).not.toContain(postId);
    const again = await as(CAW_EDITOR, 'mutation($id: ID!) { endPost(id: $id, version: 2, validTo: "2027-02-01") { id } }', { id: postId });
    expect(codeOf(again)).toBe('BAD_USER_INPUT');
    expect(again.errors![0].message).toContain('al beëindigd op 2027-01-01');
  });
});

describe('agreements and protocols', () => {
  const CREATE = `mutation($input: NewAgreementInput!) { createAgreement(input: $input) { id version parties { organisation { id } } legalBases { id } } }`;
  const protocol = (overrides: Record<string, unknown> = {}) => ({
    kind: 'PROTOCOL',
    title: 'Testprotocol casusoverleg intrafamiliaal geweld (fictief)',
    parentId: 'fjc-limburg-kaderovereenkomst',
    territory: [{ scale: 'JUDICIAL_ARRONDISSEMENT', ref: 'ga-limburg' }],
    phenomena: ['intrafamiliaal-geweld'],
    legalBasisIds: ['sw-art-458ter'],
    forum: 'casusoverleg',
    parties: [{ organisationId: 'fjc-limburg' }, { organisationId: 'caw-limburg' }],
    validFrom: '2026-01-01',
    sources: [SOURCE],
    ...overrides,
  });

  it("checks a protocol's legal bases with the legal subgraph and its territory with the territory subgraph", async () => {
    const response = await as(FJC_EDITOR, CREATE, {
      input: protocol({ legalBasisIds: ['sw-art-458ter', 'no-such-law'], territory: [{ scale: 'JUDICIAL_DIVISION', ref: 'no-such-division' }] }),
    });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    const problems = response.errors![0].extensions!.problems as Array<{ field: string }>;
    expect(problems.map((p) => p.field).sort()).toEqual(['input.legalBasisIds[1]', 'input.territory[0]']);
  });

  it('refuses an agreement to which the editor\'s own organisation is not a party', async () => {
    const response = await as(CAW_EDITOR, CREATE, { input: protocol({ parties: [{ organisationId: 'fjc-limburg' }] }) });
    expect(codeOf(response)).toBe('FORBIDDEN');
  });

  it('refuses dates out of order, naming the field', async () => {
    const created = await as(FJC_EDITOR, CREATE, { input: protocol({ id: 'testprotocol-datums' }) });
    expect(created.errors).toBeUndefined();
    const endBeforeStart = await as(FJC_EDITOR, 'mutation { endAgreement(id: "testprotocol-datums", version: 1, validTo: "2025-01-01") { id } }');
    expect(endBeforeStart.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'validTo' });
    expect((await as(FJC_EDITOR, 'mutation { endAgreement(id: "testprotocol-datums", version: 1, validTo: "2027-01-01") { version } }')).errors).toBeUndefined();
    const startAfterEnd = await as(FJC_EDITOR, 'mutation { updateAgreement(id: "testprotocol-datums", version: 2, changes: { validFrom: "2030-01-01" }) { id } }');
    expect(startAfterEnd.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'changes.validTo' });
    expect(startAfterEnd.errors![0].message).toContain('moet na de begindatum (2030-01-01)');
  });

  it('answers which protocol applies as of a date across its creation, change of legal basis and end', async () => {
    const created = await as(FJC_EDITOR, CREATE, { input: protocol() });
    expect(created.errors).toBeUndefined();
    const id = created.data.createAgreement.id;
    expect(created.data.createAgreement.parties.map((p: { organisation: { id: string } }) => p.organisation.id)).toEqual(['fjc-limburg', 'caw-limburg']);

    const applies = async (on: string) => {
      const { data } = await as(null, `query($on: Date!) { whichProtocolApplies(municipality: "Hasselt", phenomenon: "intrafamiliaal-geweld",
          partners: ["fjc-limburg", "caw-limburg"], on: $on) { applicable { agreement { id } } } }`, { on });
      return data.whichProtocolApplies.applicable.map((m: { agreement: { id: string } }) => m.agreement.id);
    };
    expect(await applies('2026-06-01')).toContain(id);

    // Another party's editor (caw-limburg is a party) changes it; an unknown legal basis is refused.
    const unknownBasis = await as(CAW_EDITOR, 'mutation($id: ID!) { updateAgreement(id: $id, version: 1, changes: { legalBasisIds: ["nope"] }) { id } }', { id });
    expect(unknownBasis.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'changes.legalBasisIds[0]' });
    const changed = await as(CAW_EDITOR, `mutation($id: ID!) { updateAgreement(id: $id, version: 1, changes: {
        legalBasisIds: ["sw-art-458ter", "wet-2017-07-06-beroepsgeheim"], conditions: ["Enkel na toestemming van de casusregisseur (test)"] }) {
        version legalBases { id } conditions } }`, { id });
    expect(changed.errors).toBeUndefined();
    expect(changed.data.updateAgreement.legalBases.map((l: { id: string }) => l.id)).toEqual(['sw-art-458ter', 'wet-2017-07-06-beroepsgeheim']);

    const ended = await as(FJC_EDITOR, 'mutation($id: ID!) { endAgreement(id: $id, version: 2, validTo: "2027-01-01") { version validTo } }', { id });
    expect(ended.data.endAgreement).toEqual({ version: 3, validTo: '2027-01-01' });
    expect(await applies('2026-06-01')).toContain(id);
    expect(await applies('2027-06-01')).not.toContain(id);

    const { data } = await as(null, 'query($id: ID!, $at: DateTime!) { agreement(id: $id) { history { version action } stateAt(at: $at) { version state } } }', {
      id,
      at: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(data.agreement.history).toEqual([
      { version: 1, action: 'CREATED' },
      { version: 2, action: 'CHANGED' },
      { version: 3, action: 'ENDED' },
    ]);
    expect(data.agreement.stateAt.state).toMatchObject({ validTo: '2027-01-01', legalBasisIds: ['sw-art-458ter', 'wet-2017-07-06-beroepsgeheim'] });
    const beforeCreation = await as(null, 'query($id: ID!, $at: DateTime!) { agreement(id: $id) { stateAt(at: $at) { version } } }', { id, at: startedAt });
    expect(beforeCreation.data.agreement.stateAt).toBeNull();
  });

  it("never shows an agreement's restricted text in its history", async () => {
    const created = await as(FJC_EDITOR, CREATE, { input: protocol({ id: 'testprotocol-tekst', text: 'Fictieve vertrouwelijke tekst' }) });
    expect(created.errors).toBeUndefined();
    const { data } = await as(null, '{ agreement(id: "testprotocol-tekst") { history { state } } }');
    expect(JSON.stringify(data.agreement.history)).not.toContain('Fictieve vertrouwelijke tekst');
    expect(data.agreement.history[0].state.hasText).toBe(true);
  });
});

describe('instrument classifications', () => {
  const SET = `mutation($id: ID!, $version: Int!, $classifications: [ServClassificationInput!]!) {
    setInstrumentClassifications(instrumentId: $id, version: $version, classifications: $classifications) { version classifications { principle dimension } }
  }`;
  const evidence = [{ document: '003_736529793f2ac1f6.txt', locator: '4.2.2', quote: 'met een aantal vaste kernpartners' }];

  it('lets an editor of a partner in the instrument reclassify it; the earlier classification stays in its history', async () => {
    const { data } = await as(null, '{ instrument(id: "fjc-limburg-kaderovereenkomst") { version classifications { principle dimension } } }');
    const before = data.instrument;
    const invalid = await as(CAW_EDITOR, SET, {
      id: 'fjc-limburg-kaderovereenkomst',
      version: before.version,
      classifications: [{ principle: 'PARTICIPATIE', dimension: 'INFORMEEL_OVERLEG', sources: [{ document: 'x.txt' }] }],
    });
    expect(codeOf(invalid)).toBe('BAD_USER_INPUT');
    expect((invalid.errors![0].extensions!.problems as Array<{ field: string }>).map((p) => p.field)).toEqual(['classifications[0]', 'classifications[0].sources']);

    const notPartner = await as({ role: 'EDITOR', org: 'ariec-limburg' }, SET, { id: 'fjc-limburg-kaderovereenkomst', version: before.version, classifications: [] });
    expect(codeOf(notPartner)).toBe('FORBIDDEN');

    const next = [...before.classifications, { principle: 'AFSTEMMING', dimension: 'AMBTELIJK' }];
    const changed = await as(CAW_EDITOR, SET, {
      id: 'fjc-limburg-kaderovereenkomst',
      version: before.version,
      classifications: next.map((c) => ({ ...c, sources: evidence })),
    });
    expect(changed.errors).toBeUndefined();
    expect(changed.data.setInstrumentClassifications).toEqual({ version: before.version + 1, classifications: next });

    const history = await as(null, '{ instrument(id: "fjc-limburg-kaderovereenkomst") { history { version state } } }');
    const versions = history.data.instrument.history;
    expect(versions.at(-2).state.classifications.map((c: { principle: string; dimension: string }) => ({ principle: c.principle, dimension: c.dimension }))).toEqual(
      before.classifications,
    );
    expect(versions.at(-1).state.classifications).toHaveLength(next.length);
  });
});

describe('optimistic concurrency', () => {
  it('50 concurrent changes to one record: each accepted one is in the history, each refused one got CONFLICT, nothing lost', async () => {
    const start = (await organisation('fjc-limburg')).version;
    // Change i is made on version start + i: some find the record at their version, the others get CONFLICT.
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        as(FJC_EDITOR, 'mutation($v: Int!, $note: String!) { updateOrganisation(id: "fjc-limburg", version: $v, changes: { note: $note }) { version note } }', {
          v: start + i,
          note: `concurrent change ${i}`,
        }),
      ),
    );
    const accepted = responses.filter((r) => !r.errors);
    const refused = responses.filter((r) => r.errors);
    expect(accepted.length + refused.length).toBe(50);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    for (const r of refused) {
      expect(codeOf(r)).toBe('CONFLICT');
      expect(r.errors![0].extensions!.current).toMatchObject({ id: 'fjc-limburg' });
      expect(r.data.updateOrganisation).toBeNull();
    }

    const { data } = await as(null, '{ organisation(id: "fjc-limburg") { version note history { version action state } } }');
    const fromStart = data.organisation.history.filter((v: { version: number }) => v.version > start);
    // Every accepted change, and only those, became a version, in an unbroken chain.
    expect(fromStart.map((v: { version: number }) => v.version)).toEqual(Array.from({ length: accepted.length }, (_, i) => start + i + 1));
    expect(fromStart.map((v: { state: { note: string } }) => v.state.note).sort()).toEqual(accepted.map((r) => r.data.updateOrganisation.note).sort());
    expect(data.organisation.version).toBe(start + accepted.length);
    expect(data.organisation.note).toBe(fromStart.at(-1).state.note);
    const audited = await queryRows<{ n: number }>(hub.databaseUrl, "SELECT count(*)::int AS n FROM partners.audit_log WHERE target = 'ORGANISATION:fjc-limburg' AND details->>'action' = 'CHANGED'");
    expect(audited[0].n).toBe(accepted.length);
  });
});

describe('freshness', () => {
  it('confirms without changing, and lists what nobody confirmed for longer than a period per organisation (admins)', async () => {
    const stale = async (organisationId: string) => {
      const { data } = await as(ADMIN, 'query($org: ID!) { staleRecords(olderThanDays: 365, organisationId: $org) { organisation { id } records { type id lastConfirmed } } }', { org: organisationId });
      return data.staleRecords.flatMap((g: { records: Array<{ type: string; id: string }> }) => g.records.map((r) => `${r.type}:${r.id}`));
    };
    const before = await stale('fjc-limburg');
    expect(before).toContain('POST:fjc-limburg-casusregisseur');
    expect(before).toContain('INSTRUMENT:fjc-limburg-kaderovereenkomst');

    const post = await as(null, '{ organisation(id: "fjc-limburg") { posts { id version lastConfirmed } } }');
    const casusregisseur = post.data.organisation.posts.find((p: { id: string }) => p.id === 'fjc-limburg-casusregisseur');
    const confirmed = await as(FJC_EDITOR, 'mutation { confirmPost(id: "fjc-limburg-casusregisseur") { version lastConfirmed } }');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
    expect(confirmed.data.confirmPost).toEqual({ version: casusregisseur.version, lastConfirmed: today });
    const confirmInstrument = await as(FJC_EDITOR, 'mutation { confirmInstrument(id: "fjc-limburg-kaderovereenkomst") { lastConfirmed } }');
    expect(confirmInstrument.data.confirmInstrument.lastConfirmed).toBe(today);

    const after = await stale('fjc-limburg');
    expect(after).not.toContain('POST:fjc-limburg-casusregisseur');
    expect(after).not.toContain('INSTRUMENT:fjc-limburg-kaderovereenkomst');
    expect(codeOf(await as(CAW_EDITOR, 'mutation { confirmPost(id: "fjc-limburg-casusregisseur") { id } }'))).toBe('FORBIDDEN');
    expect(codeOf(await as(FJC_EDITOR, '{ staleRecords(olderThanDays: 1) { records { id } } }'))).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
  });

  it('gives records no editor confirms (legal bases, sites) lastConfirmed from the dates their sources were consulted', async () => {
    const { data } = await as(null, `{
      legalBases(first: 100) { nodes { id lastConfirmed sources { seen } } }
      organisation(id: "veilig-huis-limburg") { sites { id lastConfirmed sources { seen } } }
    }`);
    const newestSeen = (sources: Array<{ seen: string | null }>) => sources.map((s) => s.seen).filter(Boolean).sort().at(-1) ?? null;
    const records = [...data.legalBases.nodes, ...data.organisation.sites];
    expect(records.length).toBeGreaterThan(20);
    for (const r of records) expect({ id: r.id, lastConfirmed: r.lastConfirmed }).toEqual({ id: r.id, lastConfirmed: newestSeen(r.sources) });
    expect(records.some((r) => r.lastConfirmed !== null)).toBe(true);
  });
});

describe('the change feed', () => {
  const FEED = `query($since: DateTime!, $first: Int, $after: String) {
    changes(since: $since, first: $first, after: $after) { hasMore endCursor changes { type id version action at organisationIds cursor } }
  }`;

  async function wholeFeed(claims: TokenClaims | null, since: string) {
    const all: Array<{ type: string; id: string; version: number; action: string; at: string }> = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const response: GraphQLResponse = await as(claims, FEED, { since, first: 7, after });
      expect(response.errors).toBeUndefined();
      all.push(...response.data.changes.changes);
      if (!response.data.changes.hasMore) return all;
      after = response.data.changes.endCursor;
    }
    throw new Error('the feed did not end');
  }

  it('pages through what was created, changed or ended across the registry since a moment, in commit order', async () => {
    const feed = await wholeFeed(RESEARCHER, startedAt);
    const keys = feed.map((c) => `${c.type}:${c.id}:${c.version}:${c.action}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('ORGANISATION:caw-limburg:2:CHANGED');
    expect(keys).toContain('ORGANISATION:testdienst-hasselt-fictief:1:CREATED');
    // A confirmation is not a change: the confirmed post is not in the feed.
    expect(keys.filter((k) => k.startsWith('POST:'))).toEqual(['POST:caw-limburg-spoc-intrafamiliaal-geweld:1:CREATED', 'POST:caw-limburg-spoc-intrafamiliaal-geweld:2:ENDED']);
    // The instruments subgraph's changes are merged in.
    expect(keys.some((k) => k.startsWith('INSTRUMENT:fjc-limburg-kaderovereenkomst:') && k.endsWith(':CHANGED'))).toBe(true);
    // Who holds a post is personal data: not in the feed for a researcher.
    expect(keys.some((k) => k.startsWith('POST_HOLDER:'))).toBe(false);
    const times = feed.map((c) => c.at);
    expect([...times].sort()).toEqual(times);

    const adminFeed = await wholeFeed(ADMIN, startedAt);
    expect(adminFeed.filter((c) => c.type === 'POST_HOLDER').map((c) => c.action)).toEqual(['CREATED', 'ENDED', 'CREATED']);
  });

  it('says clearly when a cursor is not one of the feed', async () => {
    const response = await as(null, FEED, { since: startedAt, after: 'not-a-cursor' });
    expect(response.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('the seed files and the editors', () => {
  it('loading the seed files again keeps what editors wrote and journals nothing new for unchanged records', async () => {
    const before = await organisation('caw-limburg');
    const versionsBefore = await queryRows<{ n: number }>(hub.databaseUrl, 'SELECT count(*)::int AS n FROM partners.record_version');
    const results = await seed(hub.databaseUrl);
    expect(await organisation('caw-limburg')).toEqual(before);
    expect(results['partners.organisation'].kept).toBeGreaterThanOrEqual(3);
    expect(results['partners.organisation'].versions ?? 0).toBe(0);
    const versionsAfter = await queryRows<{ n: number }>(hub.databaseUrl, 'SELECT count(*)::int AS n FROM partners.record_version');
    expect(versionsAfter[0].n).toBe(versionsBefore[0].n);
    // An editor-created organisation is not removed although no seed file has it.
    expect((await organisation('testdienst-hasselt-fictief'))?.id).toBe('testdienst-hasselt-fictief');
  });
});
