import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgreementPartyConfirmation1764000006000 } from '../../subgraphs/partners/migrations/1764000006000-agreement-party-confirmation';
import { createTestDatabase, queryRows } from '../helpers/database';
import { type GraphQLResponse, startTestHub } from '../helpers/hub';
import { type TokenClaims, token } from '../helpers/tokens';

/**
 * Partner access to another organisation's personal data comes only from a relation both sides hold
 * (docs/security.md): confirmed parties of an agreement in force today. The outside test's finding first: an
 * editor of CAW Limburg names ARIEC Antwerpen as a party of an agreement of its own making, and CAW Limburg's
 * partner staff then read ARIEC Antwerpen's post holders — and still did after the agreement ended.
 * The holder here is fictional, in this test's own database only.
 */

const FICTIONAL_NAME = 'Fictieve Houder Antwerpen';
const FICTIONAL_TEXT = 'Fictieve tekst van een eenzijdig akkoord';
const SOURCE = { document: 'tests/e2e/partner-access.test.ts', locator: 'fictional test agreement' };

const CAW_EDITOR: TokenClaims = { role: 'EDITOR', org: 'caw-limburg' };
const ARIEC_EDITOR: TokenClaims = { role: 'EDITOR', org: 'ariec-antwerpen' };
const CAW_PARTNER: TokenClaims = { role: 'PARTNER', org: 'caw-limburg' };
const ARIEC_PARTNER: TokenClaims = { role: 'PARTNER', org: 'ariec-antwerpen' };
const ADMIN: TokenClaims = { role: 'ADMIN' };

let hub: Awaited<ReturnType<typeof startTestHub>>;
beforeAll(async () => {
  hub = await startTestHub();
  await queryRows(hub.databaseUrl, `
    INSERT INTO partners.post_holder (id, post_id, person_name, email, phone, fictional, sources)
    VALUES ('fictief-antwerpen', 'ariec-antwerpen-coordinator', '${FICTIONAL_NAME}', 'fictief-antwerpen@example.invalid', '+32 0 000 00 01', true,
            '[{"dataset": "fictional test fixture", "locator": "tests/e2e/partner-access.test.ts"}]')`);
});
afterAll(() => hub?.stop());

async function as<T = any>(claims: TokenClaims | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = claims ? { authorization: `Bearer ${await token(hub.dataDir, claims)}` } : {};
  return hub.graphql<T>(query, variables, headers);
}

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
const HOLDERS = '{ organisation(id: "ariec-antwerpen") { posts { holders { personName email phone } } } }';

/** Whether the caller reads the fictional holder of ARIEC Antwerpen; a refusal must be the field rule's, with nothing leaked. */
async function readsHolders(claims: TokenClaims): Promise<boolean> {
  const response = await as(claims, HOLDERS);
  const body = JSON.stringify(response);
  if (body.includes(FICTIONAL_NAME)) return true;
  expect(response.errors?.some((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE')).toBe(true);
  expect(body).not.toContain('fictief-antwerpen@example.invalid');
  return false;
}

const CREATE = 'mutation($input: NewAgreementInput!) { createAgreement(input: $input) { id version } }';
const agreement = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  kind: 'SAMENWERKINGSAKKOORD',
  title: `Eenzijdig akkoord ${id} (fictief)`,
  territory: [{ scale: 'FLANDERS' }],
  parties: [{ organisationId: 'caw-limburg' }, { organisationId: 'ariec-antwerpen' }],
  validFrom: '2020-01-01',
  sources: [SOURCE],
  ...overrides,
});

async function versionOf(id: string): Promise<number> {
  return (await as(null, 'query($id: ID!) { agreement(id: $id) { version } }', { id })).data.agreement.version;
}

async function partiesOf(id: string) {
  const { data } = await as(null, 'query($id: ID!) { agreement(id: $id) { parties { organisation { id } confirmation confirmationByRole confirmationByOrganisationId } } }', { id });
  return Object.fromEntries(data.agreement.parties.map((p: { organisation: { id: string } | null; confirmation: string | null }) => [p.organisation?.id ?? 'kind', p]));
}

const CONFIRM = 'mutation($a: ID!, $o: ID!, $v: Int!) { confirmAgreementParty(agreementId: $a, organisationId: $o, version: $v) { id version } }';
const DECLINE = 'mutation($a: ID!, $o: ID!, $v: Int!) { declineAgreementParty(agreementId: $a, organisationId: $o, version: $v) { id version } }';

describe('an agreement one side wrote', () => {
  it('grants nothing while the other party has not confirmed it (the finding)', async () => {
    expect(await readsHolders(CAW_PARTNER)).toBe(false);
    const created = await as(CAW_EDITOR, CREATE, { input: agreement('eenzijdig-akkoord') });
    expect(created.errors).toBeUndefined();
    expect(await readsHolders(CAW_PARTNER)).toBe(false);
    // Nor the other way round: ARIEC Antwerpen was named, it did not agree.
    expect(await readsHolders(ARIEC_PARTNER)).toBe(true); // its own organisation's holders
  });

  it('shows the creating editor\'s organisation confirmed and the named one pending', async () => {
    expect(await partiesOf('eenzijdig-akkoord')).toMatchObject({
      'caw-limburg': { confirmation: 'CONFIRMED', confirmationByRole: 'EDITOR', confirmationByOrganisationId: 'caw-limburg' },
      'ariec-antwerpen': { confirmation: 'PENDING', confirmationByRole: 'EDITOR', confirmationByOrganisationId: 'caw-limburg' },
    });
  });

  it('lets only the named organisation itself (or an admin) confirm or decline its place', async () => {
    const v = await versionOf('eenzijdig-akkoord');
    for (const mutation of [CONFIRM, DECLINE]) {
      const byOther = await as(CAW_EDITOR, mutation, { a: 'eenzijdig-akkoord', o: 'ariec-antwerpen', v });
      expect(codeOf(byOther)).toBe('FORBIDDEN');
      expect(byOther.errors![0].extensions!.current).toBeUndefined();
    }
    const partner = await as(ARIEC_PARTNER, CONFIRM, { a: 'eenzijdig-akkoord', o: 'ariec-antwerpen', v });
    expect(codeOf(partner)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect((await partiesOf('eenzijdig-akkoord'))['ariec-antwerpen'].confirmation).toBe('PENDING');
    expect(await versionOf('eenzijdig-akkoord')).toBe(v);
  });

  it('grants access once both sides hold it, as a journaled and audited change', async () => {
    const v = await versionOf('eenzijdig-akkoord');
    const stale = await as(ARIEC_EDITOR, CONFIRM, { a: 'eenzijdig-akkoord', o: 'ariec-antwerpen', v: v - 1 });
    expect(codeOf(stale)).toBe('CONFLICT');
    const confirmed = await as(ARIEC_EDITOR, CONFIRM, { a: 'eenzijdig-akkoord', o: 'ariec-antwerpen', v });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data.confirmAgreementParty.version).toBe(v + 1);
    expect((await partiesOf('eenzijdig-akkoord'))['ariec-antwerpen']).toMatchObject({ confirmation: 'CONFIRMED', confirmationByOrganisationId: 'ariec-antwerpen' });
    const again = await as(ARIEC_EDITOR, CONFIRM, { a: 'eenzijdig-akkoord', o: 'ariec-antwerpen', v: v + 1 });
    expect(again.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId' });

    expect(await readsHolders(CAW_PARTNER)).toBe(true);

    const { data } = await as(null, '{ agreement(id: "eenzijdig-akkoord") { history { version action state } } }');
    const last = data.agreement.history.at(-1);
    expect(last).toMatchObject({ version: v + 1, action: 'CHANGED' });
    expect(last.state.parties.find((p: { organisationId: string }) => p.organisationId === 'ariec-antwerpen').confirmation).toBe('CONFIRMED');
    // Who personally confirmed is for the audit trail, not for the public history.
    expect(JSON.stringify(data.agreement.history)).not.toContain('test-editor');
    const audit = await as(ADMIN, '{ auditLog(first: 10) { nodes { action target organisation details } } }');
    const entry = audit.data.auditLog.nodes.find((e: { target: string }) => e.target === 'AGREEMENT:eenzijdig-akkoord');
    expect(entry).toMatchObject({ action: 'WRITE', organisation: 'ariec-antwerpen' });
    expect(entry.details.before.parties[1].confirmation).toBe('PENDING');
    expect(entry.details.after.parties[1].confirmation).toBe('CONFIRMED');
  });

  it('asks the other parties again when an editor moves the start or names a new party', async () => {
    const v = await versionOf('eenzijdig-akkoord');
    const moved = await as(CAW_EDITOR, 'mutation($v: Int!) { updateAgreement(id: "eenzijdig-akkoord", version: $v, changes: { validFrom: "2019-01-01" }) { version } }', { v });
    expect(moved.errors).toBeUndefined();
    expect((await partiesOf('eenzijdig-akkoord'))['ariec-antwerpen'].confirmation).toBe('PENDING');
    expect((await partiesOf('eenzijdig-akkoord'))['caw-limburg'].confirmation).toBe('CONFIRMED');
    expect(await readsHolders(CAW_PARTNER)).toBe(false);
    expect((await as(ARIEC_EDITOR, CONFIRM, { a: 'eenzijdig-akkoord', o: 'ariec-antwerpen', v: v + 1 })).errors).toBeUndefined();
    expect(await readsHolders(CAW_PARTNER)).toBe(true);

    // ARIEC Antwerpen's editor brings in another organisation: CAW Limburg must agree to it again.
    const named = await as(ARIEC_EDITOR, `mutation($v: Int!) { updateAgreement(id: "eenzijdig-akkoord", version: $v, changes: {
        parties: [{ organisationId: "caw-limburg" }, { organisationId: "ariec-antwerpen" }, { organisationId: "fjc-limburg" }] }) { version } }`, { v: v + 2 });
    expect(named.errors).toBeUndefined();
    expect(await partiesOf('eenzijdig-akkoord')).toMatchObject({
      'caw-limburg': { confirmation: 'PENDING' },
      'ariec-antwerpen': { confirmation: 'CONFIRMED' },
      'fjc-limburg': { confirmation: 'PENDING' },
    });
    expect(await readsHolders(CAW_PARTNER)).toBe(false);
    expect((await as(CAW_EDITOR, CONFIRM, { a: 'eenzijdig-akkoord', o: 'caw-limburg', v: v + 3 })).errors).toBeUndefined();
    expect(await readsHolders(CAW_PARTNER)).toBe(true);
  });

  it('ends the access when the agreement ends', async () => {
    const ended = await as(CAW_EDITOR, 'mutation($v: Int!, $to: Date!) { endAgreement(id: "eenzijdig-akkoord", version: $v, validTo: $to) { validTo } }', {
      v: await versionOf('eenzijdig-akkoord'),
      to: today(),
    });
    expect(ended.errors).toBeUndefined();
    expect(await readsHolders(CAW_PARTNER)).toBe(false);
  });

  it('grants nothing for an agreement whose start is unknown or still to come, though both sides confirmed it', async () => {
    for (const [id, validFrom] of [['akkoord-zonder-start', null], ['akkoord-in-de-toekomst', '2999-01-01']] as const) {
      expect((await as(CAW_EDITOR, CREATE, { input: agreement(id, { validFrom }) })).errors).toBeUndefined();
      expect((await as(ARIEC_EDITOR, CONFIRM, { a: id, o: 'ariec-antwerpen', v: 1 })).errors).toBeUndefined();
      expect(await partiesOf(id)).toMatchObject({ 'caw-limburg': { confirmation: 'CONFIRMED' }, 'ariec-antwerpen': { confirmation: 'CONFIRMED' } });
      expect(await readsHolders(CAW_PARTNER)).toBe(false);
    }
  });

  it('grants nothing once the named party declines (or withdraws)', async () => {
    expect((await as(CAW_EDITOR, CREATE, { input: agreement('akkoord-geweigerd') })).errors).toBeUndefined();
    expect((await as(ARIEC_EDITOR, CONFIRM, { a: 'akkoord-geweigerd', o: 'ariec-antwerpen', v: 1 })).errors).toBeUndefined();
    expect(await readsHolders(CAW_PARTNER)).toBe(true);
    expect((await as(ARIEC_EDITOR, DECLINE, { a: 'akkoord-geweigerd', o: 'ariec-antwerpen', v: 2 })).errors).toBeUndefined();
    expect((await partiesOf('akkoord-geweigerd'))['ariec-antwerpen'].confirmation).toBe('DECLINED');
    expect(await readsHolders(CAW_PARTNER)).toBe(false);
    // Clean up for the tests below: the declined agreement ends.
    expect((await as(CAW_EDITOR, 'mutation { endAgreement(id: "akkoord-geweigerd", version: 3, validTo: "2021-01-01") { version } }')).errors).toBeUndefined();
  });

  it('gives a party the agreement text only once it confirmed its place', async () => {
    expect((await as(CAW_EDITOR, CREATE, { input: agreement('akkoord-met-tekst', { text: FICTIONAL_TEXT }) })).errors).toBeUndefined();
    const TEXT = '{ agreement(id: "akkoord-met-tekst") { text } }';
    const pending = await as(ARIEC_PARTNER, TEXT);
    expect(JSON.stringify(pending)).not.toContain(FICTIONAL_TEXT);
    expect(codeOf(pending)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    expect((await as(CAW_PARTNER, TEXT)).data.agreement.text).toBe(FICTIONAL_TEXT);
    expect((await as(ARIEC_EDITOR, CONFIRM, { a: 'akkoord-met-tekst', o: 'ariec-antwerpen', v: 1 })).errors).toBeUndefined();
    expect((await as(ARIEC_PARTNER, TEXT)).data.agreement.text).toBe(FICTIONAL_TEXT);
  });

  it('confirms the parties an admin names, and the ones the seed files name', async () => {
    const created = await as(ADMIN, CREATE, { input: agreement('akkoord-door-admin', { parties: [{ organisationId: 'fjc-limburg' }, { organisationId: 'ariec-antwerpen' }] }) });
    expect(created.errors).toBeUndefined();
    expect(await partiesOf('akkoord-door-admin')).toMatchObject({
      'fjc-limburg': { confirmation: 'CONFIRMED', confirmationByRole: 'ADMIN' },
      'ariec-antwerpen': { confirmation: 'CONFIRMED', confirmationByRole: 'ADMIN' },
    });
    const seeded = Object.values(await partiesOf('fjc-limburg-kaderovereenkomst')) as Array<{ organisation: unknown; confirmation: string | null; confirmationByRole: string | null }>;
    for (const p of seeded) expect(p.confirmation).toBe(p.organisation ? 'CONFIRMED' : null);
    expect((await as(null, '{ agreement(id: "fjc-limburg-kaderovereenkomst") { parties { organisation { id } confirmationByRole } } }')).data.agreement.parties[0].confirmationByRole).toBe('SEED');
  });
});

describe('the migration to confirmation states', () => {
  // The migration runs on a database that already has agreements: it is undone, the old data written, and redone.
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
  });
  afterAll(() => db?.drop());

  it('confirms seeded parties and those an editor of their own or an admin wrote, and leaves the rest pending, losing no row', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const runner = { query: (sql: string) => client.query(sql) } as never;
    const migration = new AgreementPartyConfirmation1764000006000();
    try {
      await migration.down(runner);
      await client.query(`
        INSERT INTO partners.organisation (id, name, kind, level, serves, contact_points, unconfirmed, sources) VALUES
          ('org-a', 'A', 'CAW', 'LOCAL', '[]', '[]', '{}', '[{"dataset": "test"}]'), ('org-b', 'B', 'ARIEC', 'LOCAL', '[]', '[]', '{}', '[{"dataset": "test"}]'),
          ('org-c', 'C', 'OTHER', 'LOCAL', '[]', '[]', '{}', '[{"dataset": "test"}]');
        INSERT INTO partners.agreement (id, kind, title, territory, phenomena, legal_basis_ids, conditions, unconfirmed, sources, origin) VALUES
          ('seeded', 'PROTOCOL', 'S', '[]', '{}', '{}', '{}', '{}', '[{"dataset": "test"}]', 'SEED'),
          ('by-editor', 'PROTOCOL', 'E', '[]', '{}', '{}', '{}', '{}', '[{"dataset": "test"}]', 'EDITOR'),
          ('by-admin', 'PROTOCOL', 'A', '[]', '{}', '{}', '{}', '{}', '[{"dataset": "test"}]', 'EDITOR');
        INSERT INTO partners.agreement_party (agreement_id, position, organisation_id, party_kind, role, sources) VALUES
          ('seeded', 0, 'org-a', NULL, NULL, '[]'), ('seeded', 1, NULL, 'POLITIEZONE', NULL, '[]'),
          ('by-editor', 0, 'org-a', NULL, NULL, '[]'), ('by-editor', 1, 'org-b', NULL, NULL, '[]'), ('by-editor', 2, NULL, 'CAW', NULL, '[]'),
          ('by-admin', 0, 'org-b', NULL, NULL, '[]'), ('by-admin', 1, 'org-c', NULL, NULL, '[]');
        INSERT INTO partners.record_version (entity, record_id, version, action, state, subject, role, recorded_at) VALUES
          ('AGREEMENT', 'by-editor', 1, 'CREATED', '{"parties": [{"organisationId": "org-a"}, {"organisationId": "org-b"}]}', 'editor-a', 'EDITOR', '2026-01-01'),
          ('AGREEMENT', 'by-admin', 1, 'CREATED', '{"parties": [{"organisationId": "org-b"}]}', 'admin', 'ADMIN', '2026-01-01'),
          ('AGREEMENT', 'by-admin', 2, 'CHANGED', '{"parties": [{"organisationId": "org-b"}, {"organisationId": "org-c"}]}', 'editor-b', 'EDITOR', '2026-02-01');
        INSERT INTO partners.audit_log (subject, role, organisation, action, target, details, at) VALUES
          ('editor-a', 'EDITOR', 'org-a', 'WRITE', 'AGREEMENT:by-editor', '{"after": {"parties": [{"organisationId": "org-a"}, {"organisationId": "org-b"}]}}', '2026-01-01'),
          ('editor-b', 'EDITOR', 'org-b', 'WRITE', 'AGREEMENT:by-admin', '{"after": {"parties": [{"organisationId": "org-b"}, {"organisationId": "org-c"}]}}', '2026-02-01');`);
      await migration.up(runner);
      const { rows } = await client.query(
        'SELECT agreement_id, position, organisation_id, party_kind, confirmation, confirmation_by_role AS by, confirmation_by_org AS org FROM partners.agreement_party ORDER BY agreement_id, position',
      );
      expect(rows).toEqual([
        { agreement_id: 'by-admin', position: 0, organisation_id: 'org-b', party_kind: null, confirmation: 'CONFIRMED', by: 'ADMIN', org: null },
        // Added by org-b's editor: org-c never agreed.
        { agreement_id: 'by-admin', position: 1, organisation_id: 'org-c', party_kind: null, confirmation: 'PENDING', by: null, org: null },
        { agreement_id: 'by-editor', position: 0, organisation_id: 'org-a', party_kind: null, confirmation: 'CONFIRMED', by: 'EDITOR', org: 'org-a' },
        // Named by org-a's editor: the finding's case.
        { agreement_id: 'by-editor', position: 1, organisation_id: 'org-b', party_kind: null, confirmation: 'PENDING', by: null, org: null },
        { agreement_id: 'by-editor', position: 2, organisation_id: null, party_kind: 'CAW', confirmation: null, by: null, org: null },
        { agreement_id: 'seeded', position: 0, organisation_id: 'org-a', party_kind: null, confirmation: 'CONFIRMED', by: 'SEED', org: null },
        { agreement_id: 'seeded', position: 1, organisation_id: null, party_kind: 'POLITIEZONE', confirmation: null, by: null, org: null },
      ]);
    } finally {
      await client.end();
    }
  });
});
