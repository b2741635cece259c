import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../core/dates';
import { queryRows } from '../helpers/database';
import { type GraphQLResponse, startTestHub } from '../helpers/hub';
import { type TokenClaims, token } from '../helpers/tokens';

/**
 * The gap report and editable sites (issue 16), end to end through the gateway on a seeded database: who may
 * see which report, totals against counts made from the data, and gaps that close when an editor fills them
 * in. The one person appointed here is fictional and marked so.
 */

let hub: Awaited<ReturnType<typeof startTestHub>>;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const ADMIN: TokenClaims = { role: 'ADMIN' };
const VH_EDITOR: TokenClaims = { role: 'EDITOR', org: 'veilig-huis-limburg' };
const FJC_EDITOR: TokenClaims = { role: 'EDITOR', org: 'fjc-antwerpen' };

async function as<T = any>(claims: TokenClaims | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = claims ? { authorization: `Bearer ${await token(hub.dataDir, claims)}` } : {};
  return hub.graphql<T>(query, variables, headers);
}
const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

const REPORT = `query($org: ID, $days: Int) { registryGaps(organisationId: $org, freshnessDays: $days) {
  organisationId freshnessDays confirmedSince
  records { recordType recordId organisationId organisationIds label gaps { code field explanation count } }
  totals { kind label measure known of sentence }
  municipalities { nis name kind organisationIds contactPointKnown unsettled }
  municipalityTotals { kind label measure known of sentence }
} }`;

interface Report {
  organisationId: string | null;
  records: Array<{ recordType: string; recordId: string; organisationId: string | null; organisationIds: string[]; label: string; gaps: Array<{ code: string; field: string | null; explanation: string; count: number | null }> }>;
  totals: Array<{ kind: string; label: string; measure: string; known: number; of: number; sentence: string }>;
  municipalities: Array<{ nis: string; kind: string; organisationIds: string[]; contactPointKnown: boolean; unsettled: string | null }>;
  municipalityTotals: Array<{ kind: string; measure: string; known: number; of: number; sentence: string }>;
}

async function report(claims: TokenClaims, org?: string, days?: number): Promise<Report> {
  const response = await as<{ registryGaps: Report }>(claims, REPORT, { org, days });
  expect(response.errors).toBeUndefined();
  return response.data!.registryGaps;
}
const gapsOf = (r: Report, type: string, id: string) => r.records.find((x) => x.recordType === type && x.recordId === id)?.gaps.map((g) => g.code) ?? [];
const total = (r: Report, kind: string, measure: string) => r.totals.find((t) => t.kind === kind && t.measure === measure);

describe('who may see which gap report', () => {
  it("gives an editor their own organisation's records only, by default and when asked for by id", async () => {
    const own = await report(VH_EDITOR);
    expect(own.organisationId).toBe('veilig-huis-limburg');
    expect(own.records.length).toBeGreaterThan(0);
    for (const record of own.records) expect(record.organisationIds).toContain('veilig-huis-limburg');
    // The Veilige Huizen publish no contact point of their own (docs/data.md): the report says so, in Dutch.
    const organisation = own.records.find((r) => r.recordType === 'ORGANISATION')!;
    expect(organisation.label).toBe('organisatie Veilig Huis Limburg (Veilig Huis)');
    expect(organisation.gaps).toContainEqual({ code: 'NO_CONTACT_POINT', field: 'contactPoints', explanation: expect.stringMatching(/^Geen eigen publiek contactpunt/), count: null });
    // Its totals are its own: one organisation of its kind.
    expect(total(own, 'VEILIG_HUIS', 'CONTACT_POINT')).toMatchObject({ known: 0, of: 1 });
    expect(own.totals.every((t) => t.kind === 'VEILIG_HUIS')).toBe(true);
    expect(own.records.some((r) => r.recordType === 'MUNICIPALITY')).toBe(false);
    expect(await report(VH_EDITOR, 'veilig-huis-limburg')).toEqual(own);
  });

  it("refuses an editor another organisation's report, or one that does not exist, alike (FORBIDDEN)", async () => {
    for (const org of ['fjc-limburg', 'no-such-organisation']) {
      const response = await as(VH_EDITOR, REPORT, { org });
      expect(codeOf(response)).toBe('FORBIDDEN');
      expect(response.data?.registryGaps).toBeNull();
      expect(response.errors).toHaveLength(1);
    }
  });

  it('is not for other roles (default deny at the gateway)', async () => {
    for (const claims of [null, { role: 'RESEARCHER' }, { role: 'PARTNER', org: 'veilig-huis-limburg' }, { role: 'LOCAL_GOVERNMENT', municipalities: ['71072'] }]) {
      const response = await as(claims, REPORT, {});
      expect(codeOf(response)).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
      expect(response.data?.registryGaps ?? null).toBeNull();
    }
  });

  it('refuses a freshness window that is no window, and an unknown organisation for an admin', async () => {
    expect(codeOf(await as(ADMIN, REPORT, { days: -1 }))).toBe('BAD_USER_INPUT');
    expect((await as(ADMIN, REPORT, { days: -1 })).errors![0].extensions).toMatchObject({ argument: 'freshnessDays' });
    expect(codeOf(await as(ADMIN, REPORT, { org: 'no-such-organisation' }))).toBe('NOT_FOUND');
  });
});

describe("the admin's report", () => {
  it('counts per kind what the data holds (counted here from the tables, not from the report)', async () => {
    const full = await report(ADMIN);
    expect(full.organisationId).toBeNull();
    const rows = await queryRows<{ kind: string; organisations: number; contact: number; identifier: number; started: number }>(
      hub.databaseUrl,
      `SELECT kind, count(*)::int AS organisations,
              count(*) FILTER (WHERE jsonb_array_length(contact_points) > 0)::int AS contact,
              count(*) FILTER (WHERE kbo IS NOT NULL OR ovo IS NOT NULL)::int AS identifier,
              count(*) FILTER (WHERE valid_from IS NOT NULL OR valid_from_edtf IS NOT NULL)::int AS started
         FROM partners.organisation WHERE valid_to IS NULL AND valid_to_edtf IS NULL GROUP BY kind`,
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      expect(total(full, row.kind, 'CONTACT_POINT')).toMatchObject({ known: row.contact, of: row.organisations });
      expect(total(full, row.kind, 'IDENTIFIER')).toMatchObject({ known: row.identifier, of: row.organisations });
      expect(total(full, row.kind, 'START_DATE')).toMatchObject({ known: row.started, of: row.organisations });
    }
    const vh = rows.find((r) => r.kind === 'VEILIG_HUIS')!;
    expect(total(full, 'VEILIG_HUIS', 'CONTACT_POINT')!.sentence).toBe(`Veilig Huis: contactpunt bekend voor ${vh.contact} van ${vh.organisations}`);
    // Every organisation without a contact point is listed with that gap, and no other.
    const without = await queryRows<{ id: string }>(hub.databaseUrl, `SELECT id FROM partners.organisation WHERE jsonb_array_length(contact_points) = 0 AND valid_to IS NULL AND valid_to_edtf IS NULL ORDER BY id`);
    const listed = full.records.filter((r) => r.recordType === 'ORGANISATION' && r.gaps.some((g) => g.code === 'NO_CONTACT_POINT')).map((r) => r.recordId).sort();
    expect(listed).toEqual(without.map((r) => r.id));
  });

  it('counts per municipality which services of the card are known and reachable, as the tables give it', async () => {
    const full = await report(ADMIN);
    const [flemish] = await queryRows<{ n: number }>(hub.databaseUrl, `SELECT count(*)::int AS n FROM territory.municipality WHERE region = 'FLANDERS'`);
    for (const kind of ['POLITIEZONE', 'VEILIG_HUIS', 'ARIEC']) {
      const [counts] = await queryRows<{ served: number; reachable: number }>(
        hub.databaseUrl,
        `SELECT count(DISTINCT m.nis)::int AS served,
                count(DISTINCT m.nis) FILTER (WHERE jsonb_array_length(o.contact_points) > 0)::int AS reachable
           FROM territory.municipality m
           JOIN partners.organisation_municipality om ON om.municipality_nis = m.nis
           JOIN partners.organisation o ON o.id = om.organisation_id AND o.kind = $1 AND o.valid_to IS NULL AND o.valid_to_edtf IS NULL
          WHERE m.region = 'FLANDERS'`,
        [kind],
      );
      const of = flemish.n;
      expect(full.municipalityTotals.find((t) => t.kind === kind && t.measure === 'SERVICE_KNOWN')).toMatchObject({ known: counts.served, of });
      expect(full.municipalityTotals.find((t) => t.kind === kind && t.measure === 'CONTACT_POINT')).toMatchObject({ known: counts.reachable, of });
      expect(full.municipalities.filter((m) => m.kind === kind)).toHaveLength(of);
    }
    // A municipality whose Veilig Huis region no source settles says so, with the reason, and is a gap of the registry.
    const [unsettled] = await queryRows<{ municipality_nis: string; note: string }>(hub.databaseUrl, `SELECT municipality_nis, note FROM territory.unsettled_area WHERE kind = 'VEILIG_HUIS_REGION' ORDER BY municipality_nis LIMIT 1`);
    expect(full.municipalities.find((m) => m.nis === unsettled.municipality_nis && m.kind === 'VEILIG_HUIS')).toMatchObject({ organisationIds: [], unsettled: unsettled.note });
    const gap = full.records.find((r) => r.recordType === 'MUNICIPALITY' && r.recordId === unsettled.municipality_nis)!.gaps.find((g) => g.field === 'VEILIG_HUIS_REGION')!;
    expect(gap).toMatchObject({ code: 'UNSETTLED_AREA' });
    expect(gap.explanation).toBe(`Niet bekend in welk(e) Veilig Huis-regio deze gemeente ligt: ${unsettled.note}`);
  });

  it('counts posts without a current holder per organisation, never naming anyone', async () => {
    const name = 'Fictieve Testpersoon Gaprapport';
    const appointed = await as(ADMIN, `mutation($name: String!) { appointPostHolder(input: { postId: "fjc-limburg-casusregisseur", personName: $name, fictional: true }) { id } }`, { name });
    expect(appointed.errors).toBeUndefined();
    const [{ n }] = await queryRows<{ n: number }>(
      hub.databaseUrl,
      `SELECT count(*)::int AS n FROM partners.post p WHERE p.organisation_id = 'fjc-limburg' AND p.valid_to IS NULL AND p.valid_to_edtf IS NULL
          AND NOT EXISTS (SELECT 1 FROM partners.post_holder h WHERE h.post_id = p.id AND h.valid_to IS NULL)`,
    );
    const full = await report(ADMIN, 'fjc-limburg');
    const organisation = full.records.find((r) => r.recordType === 'ORGANISATION' && r.recordId === 'fjc-limburg')!;
    const gap = organisation.gaps.find((g) => g.code === 'POST_WITHOUT_HOLDER');
    if (n) expect(gap).toMatchObject({ field: 'posts', count: n, explanation: `${n} functie(s) van deze organisatie zonder huidige houder in het register.` });
    else expect(gap).toBeUndefined();
    expect(JSON.stringify(await report(ADMIN))).not.toContain('Fictieve');
  });
});

describe('filling gaps', () => {
  it('closes NO_CONTACT_POINT when an editor adds a contact point with its source, and the totals follow', async () => {
    const before = await report(ADMIN);
    expect(gapsOf(before, 'ORGANISATION', 'veilig-huis-limburg')).toContain('NO_CONTACT_POINT');
    const { data } = await as(null, '{ organisation(id: "veilig-huis-limburg") { version } }');
    const changes = { contactPoints: [{ kind: 'PHONE', value: '011 00 00 00', sources: [{ url: 'https://www.veiligthuislimburg.be/contact', title: 'Contact (testbron)', seen: today() }] }] };
    const updated = await as(VH_EDITOR, 'mutation($v: Int!, $c: OrganisationChanges!) { updateOrganisation(id: "veilig-huis-limburg", version: $v, changes: $c) { version } }', { v: data.organisation.version, c: changes });
    expect(updated.errors).toBeUndefined();

    const after = await report(ADMIN);
    expect(gapsOf(after, 'ORGANISATION', 'veilig-huis-limburg')).not.toContain('NO_CONTACT_POINT');
    // A source seen today confirms the record: it is no longer NOT_CONFIRMED_RECENTLY either.
    expect(gapsOf(after, 'ORGANISATION', 'veilig-huis-limburg')).not.toContain('NOT_CONFIRMED_RECENTLY');
    const was = total(before, 'VEILIG_HUIS', 'CONTACT_POINT')!;
    expect(total(after, 'VEILIG_HUIS', 'CONTACT_POINT')).toMatchObject({ known: was.known + 1, of: was.of });
    const served = before.municipalities.filter((m) => m.kind === 'VEILIG_HUIS' && m.organisationIds.includes('veilig-huis-limburg')).length;
    const reachable = (r: Report) => r.municipalityTotals.find((t) => t.kind === 'VEILIG_HUIS' && t.measure === 'CONTACT_POINT')!.known;
    expect(served).toBeGreaterThan(0);
    expect(reachable(after)).toBe(reachable(before) + served);
  });
});

describe('sites: main locations and antennes', () => {
  const CREATE = `mutation($input: NewSiteInput!) { createSite(input: $input) { id version kind name organisation { id } municipality { nis } sources { url } } }`;
  const SITES = '{ organisation(id: "fjc-antwerpen") { sites { id version kind name } } }';
  const input = {
    id: 'fjc-antwerpen-antenne-test', organisationId: 'fjc-antwerpen', kind: 'ANTENNE', name: 'FJC Antwerpen – antenne (test)', municipalityNis: '11002',
    sources: [{ url: 'https://www.fjcantwerpen.be/', title: 'FJC Antwerpen (testbron)', seen: today() }],
  };

  it('lets an editor add a site of their own organisation, which closes NO_SITE, with history and a change in the feed', async () => {
    expect(gapsOf(await report(FJC_EDITOR), 'ORGANISATION', 'fjc-antwerpen')).toContain('NO_SITE');
    const since = new Date().toISOString();
    const created = await as(FJC_EDITOR, CREATE, { input });
    expect(created.errors).toBeUndefined();
    expect(created.data.createSite).toMatchObject({ id: input.id, version: 1, kind: 'ANTENNE', organisation: { id: 'fjc-antwerpen' }, municipality: { nis: '11002' } });
    expect((await as(null, SITES)).data.organisation.sites.map((s: { id: string }) => s.id)).toContain(input.id);
    expect(gapsOf(await report(FJC_EDITOR), 'ORGANISATION', 'fjc-antwerpen')).not.toContain('NO_SITE');

    const history = await as(null, `{ organisation(id: "fjc-antwerpen") { sites { id history { version action state } } } }`);
    const site = history.data.organisation.sites.find((s: { id: string }) => s.id === input.id);
    expect(site.history).toMatchObject([{ version: 1, action: 'CREATED', state: { name: input.name, kind: 'ANTENNE' } }]);
    const feed = await as(null, 'query($since: DateTime!) { changes(since: $since) { changes { type id action organisationIds } } }', { since });
    expect(feed.data.changes.changes).toContainEqual({ type: 'SITE', id: input.id, action: 'CREATED', organisationIds: ['fjc-antwerpen'] });
  });

  it("refuses an editor a site of another organisation (create, update, end, confirm), and nothing changes", async () => {
    const before = (await as(null, SITES)).data;
    const attempts = [
      as(VH_EDITOR, CREATE, { input: { ...input, id: 'fjc-antwerpen-antenne-2' } }),
      as(VH_EDITOR, 'mutation { updateSite(id: "fjc-antwerpen-antenne-test", version: 1, changes: { name: "niet van mij" }) { id } }'),
      as(VH_EDITOR, 'mutation { endSite(id: "fjc-antwerpen-antenne-test", version: 1, validTo: "2030-01-01") { id } }'),
      as(VH_EDITOR, 'mutation { confirmSite(id: "fjc-antwerpen-antenne-test") { id } }'),
    ];
    for (const response of await Promise.all(attempts)) expect(codeOf(response)).toBe('FORBIDDEN');
    expect((await as(null, SITES)).data).toEqual(before);
    // Nor may an editor move their own site to another organisation: the input has no such field.
    const move = await as(FJC_EDITOR, 'mutation { updateSite(id: "fjc-antwerpen-antenne-test", version: 1, changes: { organisationId: "veilig-huis-limburg" }) { id } }');
    expect(move.status).toBe(400);
    expect(codeOf(move)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('validates a site with every problem at once, and refuses a stale version with the current site', async () => {
    const bad = await as(FJC_EDITOR, CREATE, { input: { ...input, id: 'fjc-antwerpen-antenne-3', name: ' ', municipalityNis: '99999', sources: [] } });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    const fields = (bad.errors![0].extensions!.problems as Array<{ field: string }>).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['input.name', 'input.municipalityNis', 'input.sources']));

    const updated = await as(FJC_EDITOR, 'mutation { updateSite(id: "fjc-antwerpen-antenne-test", version: 1, changes: { name: "FJC Antwerpen – antenne Mortsel (test)", municipalityNis: "11029" }) { version name municipality { nis } } }');
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateSite).toEqual({ version: 2, name: 'FJC Antwerpen – antenne Mortsel (test)', municipality: { nis: '11029' } });
    const stale = await as(FJC_EDITOR, 'mutation { updateSite(id: "fjc-antwerpen-antenne-test", version: 1, changes: { name: "oud" }) { version } }');
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.errors![0].extensions).toMatchObject({ currentVersion: 2, current: { name: 'FJC Antwerpen – antenne Mortsel (test)' } });
  });

  it('ends a site: no longer among the sites in use, still there for earlier dates, and NO_SITE is back', async () => {
    const ended = await as(FJC_EDITOR, 'mutation($to: Date!) { endSite(id: "fjc-antwerpen-antenne-test", version: 2, validTo: $to, note: "Antenne gesloten (test).") { version validTo } }', { to: today() });
    expect(ended.errors).toBeUndefined();
    expect(ended.data.endSite).toEqual({ version: 3, validTo: today() });
    expect((await as(null, SITES)).data.organisation.sites.map((s: { id: string }) => s.id)).not.toContain(input.id);
    const earlier = await as(null, '{ organisation(id: "fjc-antwerpen") { sites(on: "2026-01-01") { id } } }');
    expect(earlier.data.organisation.sites.map((s: { id: string }) => s.id)).toContain(input.id);
    expect(gapsOf(await report(FJC_EDITOR), 'ORGANISATION', 'fjc-antwerpen')).toContain('NO_SITE');
  });

  it('confirms a seeded site without changing it (audited, no new version)', async () => {
    const vhSite = (await as(null, '{ organisation(id: "veilig-huis-limburg") { sites { id version } } }')).data.organisation.sites[0];
    const confirmed = await as(VH_EDITOR, 'mutation($id: ID!) { confirmSite(id: $id) { id version lastConfirmed } }', { id: vhSite.id });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data.confirmSite).toEqual({ id: vhSite.id, version: vhSite.version, lastConfirmed: today() });
    expect(gapsOf(await report(VH_EDITOR), 'SITE', vhSite.id)).not.toContain('NOT_CONFIRMED_RECENTLY');
  });
});
