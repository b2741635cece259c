import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../helpers/database';
import { startTestHub } from '../helpers/hub';

/** The questions the hub exists for (DOMAIN.md, "Who asks what"), asked through the real gateway. */

let hub: Awaited<ReturnType<typeof startTestHub>>;
const statements: Array<{ subgraph: string; sql: string }> = [];
beforeAll(async () => {
  hub = await startTestHub({ onQuery: (subgraph, sql) => statements.push({ subgraph, sql }) });
});
afterAll(() => hub?.stop());

const CARD = `matchedBy ambiguous on cards {
  nis on municipality { name }
  policeZone { name zoneNumber sources { dataset url } }
  administrativeArrondissement { name } province { name }
  judicialArrondissement { name } judicialDivision { name }
  eerstelijnszone { name }
  veiligHuisRegion { name } ariecArea { name }
  unsettledAreas { kind note }
  veiligHuis { organisation { id name sources { document } } mainLocations { name } antennes { name } }
  ariec { organisation { id } }
  contacts { title function lastConfirmed organisation { name contactPoints { kind value lastConfirmed } } sources { document locator } }
}`;

describe('whoIsWho', () => {
  it('gives the contact card of a municipality by name: scales, Veilig Huis, ARIEC, posts, each with sources', async () => {
    const res = await hub.graphql(`{ whoIsWho(municipality: "Hasselt", on: "2025-06-01") { ${CARD} } }`);
    expect(res.errors).toBeUndefined();
    const { matchedBy, ambiguous, cards } = res.data.whoIsWho;
    expect({ matchedBy, ambiguous, n: cards.length }).toEqual({ matchedBy: 'NAME', ambiguous: false, n: 1 });
    const card = cards[0];
    expect(card).toMatchObject({
      nis: '71072',
      on: '2025-06-01',
      municipality: { name: 'Hasselt' },
      policeZone: { name: 'PZ Limburg Regio Hoofdstad' },
      administrativeArrondissement: { name: 'Hasselt' },
      province: { name: 'Limburg' },
      judicialArrondissement: { name: expect.stringContaining('Limburg') },
      veiligHuisRegion: { name: 'Veilig Huis Limburg' },
      ariecArea: { name: 'ARIEC Limburg' },
      veiligHuis: { organisation: { id: 'veilig-huis-limburg' }, mainLocations: [{ name: expect.stringContaining('Hasselt') }] },
      ariec: { organisation: { id: 'ariec-limburg' } },
    });
    expect(card.policeZone.sources.length).toBeGreaterThan(0);
    // Hasselt merged with Kortessem across two judicial divisions: the division is unknown, and the card says why.
    expect(card.judicialDivision).toBeNull();
    expect(card.unsettledAreas).toEqual([{ kind: 'JUDICIAL_DIVISION', note: expect.stringContaining('Kortessem') }]);
    const functions = card.contacts.map((c: { function: string }) => c.function);
    expect(functions).toEqual(expect.arrayContaining(['CASUSREGISSEUR', 'ARIEC_ANALIST', 'REFERENTIEMAGISTRAAT']));
    for (const contact of card.contacts) expect(contact.sources.length).toBeGreaterThan(0);
  });

  it('matches case- and accent-insensitively, by NIS code, by pre-2025 name or code, by locality and by postcode', async () => {
    const ask = async (args: string) => (await hub.graphql(`{ whoIsWho(${args}) { matchedBy cards { nis } } }`)).data.whoIsWho;
    expect(await ask('municipality: "HÄSSELT"')).toEqual({ matchedBy: 'NAME', cards: [{ nis: '71072' }] });
    expect(await ask('municipality: "71072"')).toEqual({ matchedBy: 'NIS_CODE', cards: [{ nis: '71072' }] });
    expect(await ask('municipality: "71022"')).toEqual({ matchedBy: 'NIS_CODE', cards: [{ nis: '71072' }] });
    expect(await ask('municipality: "kortessem"')).toEqual({ matchedBy: 'FORMER_NAME', cards: [{ nis: '71072' }] });
    expect(await ask('municipality: "Zwijndrecht"')).toEqual({ matchedBy: 'FORMER_NAME', cards: [{ nis: '46030' }] });
    expect(await ask('municipality: "sint-lambrechts-herk"')).toEqual({ matchedBy: 'LOCALITY', cards: [{ nis: '71072' }] });
    expect(await ask('postcode: "3500"')).toEqual({ matchedBy: 'POSTCODE', cards: [{ nis: '71072' }] });
  });

  it('returns the candidates to choose from for a postcode shared by several municipalities', async () => {
    const res = await hub.graphql('{ whoIsWho(postcode: "1050") { ambiguous cards { municipality { name } } } }');
    expect(res.data.whoIsWho.ambiguous).toBe(true);
    expect(res.data.whoIsWho.cards.map((c: { municipality: { name: string } }) => c.municipality.name).sort()).toEqual(['Brussel', 'Elsene']);
  });

  it('answers NOT_FOUND with close suggestions for an unknown name', async () => {
    const res = await hub.graphql('{ whoIsWho(municipality: "Haselt") { matchedBy } }');
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', suggestions: expect.arrayContaining(['Hasselt']) } });
    expect(res.errors?.[0].message).toMatch(/Geen gemeente "Haselt".*Bedoelde u Hasselt/);
  });

  it('refuses bad input with a clear code: nothing asked, both asked, a malformed postcode or date', async () => {
    const code = async (query: string) => (await hub.graphql(query)).errors?.[0]?.extensions?.code;
    expect(await code('{ whoIsWho { matchedBy } }')).toBe('BAD_USER_INPUT');
    expect(await code('{ whoIsWho(municipality: "Gent", postcode: "9000") { matchedBy } }')).toBe('BAD_USER_INPUT');
    expect(await code('{ whoIsWho(postcode: "90000") { matchedBy } }')).toBe('BAD_USER_INPUT');
    expect(await code('{ whoIsWho(municipality: "Gent", on: "2025-02-30") { matchedBy } }')).toBe('GRAPHQL_VALIDATION_FAILED');
    const viaVariable = await hub.graphql('query($on: Date) { whoIsWho(municipality: "Gent", on: $on) { matchedBy } }', { on: 'yesterday' });
    expect(viaVariable.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('yesterday') });
  });
});

describe('whichProtocolApplies', () => {
  const ASK = `query($phenomenon: String!, $municipality: String!, $partners: [String!]!, $on: Date) {
    whichProtocolApplies(phenomenon: $phenomenon, municipality: $municipality, partners: $partners, on: $on) {
      municipality { name } on
      applicable {
        status
        agreement { id kind title forum conditions parent { id } sources { document locator quote } }
        matchedParties { role partyKind organisation { id } }
        legalBases { id inForce basis { title sources { document } } }
      }
      notApplicable { agreement { id } reasons explanation }
      explanation
    }
  }`;

  it('finds the FJC Limburg protocol on casusoverleg under art. 458ter Sw. for a CAW and the police in Hasselt', async () => {
    const res = await hub.graphql(ASK, { phenomenon: 'intrafamiliaal geweld', municipality: 'Hasselt', partners: ['CAW', 'politie'], on: '2025-06-01' });
    expect(res.errors).toBeUndefined();
    const answer = res.data.whichProtocolApplies;
    const protocol = answer.applicable.find((a: { agreement: { id: string } }) => a.agreement.id === 'fjc-limburg-protocol-casusoverleg');
    expect(protocol).toMatchObject({
      agreement: { kind: 'PROTOCOL', forum: 'casusoverleg', parent: { id: 'fjc-limburg-kaderovereenkomst' } },
      legalBases: [{ id: 'sw-art-458ter', basis: { title: expect.stringContaining('458ter') } }],
    });
    expect(protocol.agreement.conditions.join(' ')).toMatch(/proportioneel/);
    expect(protocol.agreement.sources[0]).toMatchObject({ document: '002_f12f5aed2c75fb81.txt' });
    expect(protocol.matchedParties.map((p: { partyKind: string | null; organisation: { id: string } | null }) => p.partyKind ?? p.organisation?.id).sort()).toEqual(['POLITIEZONE', 'caw-limburg']);
    expect(answer.explanation).toEqual([]);
  });

  it('says why nothing applies: a partner that is not a party, a territory no agreement covers', async () => {
    const notParty = (await hub.graphql(ASK, { phenomenon: 'IFG', municipality: 'Hasselt', partners: ['CAW', 'diob'] })).data.whichProtocolApplies;
    expect(notParty.applicable).toEqual([]);
    expect(notParty.explanation[0]).toMatch(/diob is geen partij/);
    const fjc = notParty.notApplicable.find((n: { agreement: { id: string } }) => n.agreement.id === 'fjc-limburg-protocol-casusoverleg');
    expect(fjc.reasons).toEqual(['PARTNER_NOT_PARTY']);

    const elsewhere = (await hub.graphql(ASK, { phenomenon: 'ondermijning', municipality: 'Elsene', partners: ['parket'] })).data.whichProtocolApplies;
    expect(elsewhere.applicable).toEqual([]);
    expect(elsewhere.explanation[0]).toMatch(/geen overeenkomst|geen partij|dekt de gemeente niet/i);
  });

  it('does not return a protocol that ended, for a date after its end, nor one not yet in force', async () => {
    // A fictional protocol, only in this test's database.
    await queryRows(hub.databaseUrl, `
      INSERT INTO partners.agreement (id, kind, title, territory, phenomena, legal_basis_ids, forum, valid_from, valid_to, valid_from_edtf, valid_to_edtf, sources)
      VALUES ('fictief-testprotocol', 'PROTOCOL', 'Fictief testprotocol (testdata, geen echte overeenkomst)', '[]', '{intrafamiliaal-geweld}', '{sw-art-458ter}', 'casusoverleg',
              '2020-01-01', '2024-01-01', '2020-01-01', '2024-01-01', '[{"dataset": "fictional test fixture", "locator": "tests/e2e/queries.test.ts"}]');
      INSERT INTO partners.agreement_party (agreement_id, position, party_kind, sources) VALUES
        ('fictief-testprotocol', 1, 'CAW', '[]'), ('fictief-testprotocol', 2, 'POLITIEZONE', '[]');
      INSERT INTO partners.agreement_municipality (agreement_id, municipality_nis) VALUES ('fictief-testprotocol', '44021');`);
    const on = async (date: string) =>
      (await hub.graphql(ASK, { phenomenon: 'IFG', municipality: 'Gent', partners: ['CAW', 'politie'], on: date })).data.whichProtocolApplies;
    const ids = (answer: { applicable: Array<{ agreement: { id: string } }> }) => answer.applicable.map((a) => a.agreement.id);
    expect(ids(await on('2023-06-01'))).toContain('fictief-testprotocol');
    const later = await on('2025-06-01');
    expect(ids(later)).not.toContain('fictief-testprotocol');
    expect(later.notApplicable.find((n: { agreement: { id: string } }) => n.agreement.id === 'fictief-testprotocol').reasons).toEqual(['ENDED']);
    const earlier = await on('2019-06-01');
    expect(earlier.notApplicable.find((n: { agreement: { id: string } }) => n.agreement.id === 'fictief-testprotocol').reasons).toEqual(['NOT_YET_IN_FORCE']);
  });

  it('takes a postcode, and a police zone by its own id where a party is named "politie", saying which party it fills', async () => {
    const byPostcode = await hub.graphql(ASK, { phenomenon: 'intrafamiliaal geweld', municipality: '3500', partners: ['CAW', 'politie'] });
    expect(byPostcode.errors).toBeUndefined();
    expect(byPostcode.data.whichProtocolApplies.municipality.name).toBe('Hasselt');
    const byZone = await hub.graphql(ASK, { phenomenon: 'intrafamiliaal geweld', municipality: 'Hasselt', partners: ['CAW', 'pz-limburg-regio-hoofdstad'] });
    expect(byZone.errors).toBeUndefined();
    const protocol = byZone.data.whichProtocolApplies.applicable.find((a: { agreement: { id: string } }) => a.agreement.id === 'fjc-limburg-protocol-casusoverleg');
    expect(protocol.matchedParties.map((p: { partyKind: string | null }) => p.partyKind)).toContain('POLITIEZONE');
    // A party named by kind says which organisations of that kind serve the municipality.
    const onTerritory = await hub.graphql(`{ whichProtocolApplies(phenomenon: "intrafamiliaal geweld", municipality: "Hasselt", partners: ["CAW", "politie"]) {
      applicable { agreement { id } kindsOnTerritory { partyKind organisations { id } } } } }`);
    const fjc = onTerritory.data.whichProtocolApplies.applicable.find((a: { agreement: { id: string } }) => a.agreement.id === 'fjc-limburg-protocol-casusoverleg');
    expect(fjc.kindsOnTerritory).toContainEqual({ partyKind: 'POLITIEZONE', organisations: [{ id: 'pz-limburg-regio-hoofdstad' }] });
    // A zone that does not serve the municipality fills no party there.
    const otherZone = await hub.graphql(ASK, { phenomenon: 'intrafamiliaal geweld', municipality: 'Hasselt', partners: ['CAW', 'pz-antwerpen'] });
    expect(otherZone.data.whichProtocolApplies.applicable.map((a: { agreement: { id: string } }) => a.agreement.id)).not.toContain('fjc-limburg-protocol-casusoverleg');
  });

  it('checks every argument whatever is selected: an unknown partner or phenomenon is refused even for { id }', async () => {
    const ask = (vars: Record<string, unknown>) =>
      hub.graphql('query ($p: String!, $m: String!, $partners: [String!]!) { whichProtocolApplies(phenomenon: $p, municipality: $m, partners: $partners) { id } }', vars);
    const partner = await ask({ p: 'intrafamiliaal geweld', m: 'Hasselt', partners: ['does-not-exist'] });
    expect(partner.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'partners', reason: 'UNKNOWN_PARTNER', suggestions: expect.arrayContaining(['caw']) });
    const phenomenon = await ask({ p: 'fietsdiefstal', m: 'Hasselt', partners: ['CAW'] });
    expect(phenomenon.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'phenomenon', reason: 'UNKNOWN_PHENOMENON' });
  });

  it('refuses an empty partner list, an unknown partner or phenomenon, and a malformed date, with stable codes', async () => {
    const error = async (vars: Record<string, unknown>) => (await hub.graphql(ASK, { phenomenon: 'IFG', municipality: 'Hasselt', partners: ['CAW'], ...vars })).errors?.[0];
    expect(await error({ partners: [] })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'partners' } });
    expect(await error({ partners: ['CAW', 'bakker'] })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('"bakker"') });
    expect(await error({ phenomenon: 'fietsdiefstal' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', reason: 'UNKNOWN_PHENOMENON' }, message: expect.stringContaining('Gekende fenomenen') });
    expect(await error({ on: '2025-31-12' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await error({ municipality: 'Atlantis' })).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});

describe('time is real', () => {
  it('has the Flemish DIOB-decreet out of force before 2026-01-01 and, its entry into force only planned, unknown from then on', async () => {
    const res = await hub.graphql(`{ legalBasis(id: "decreet-2023-diob") {
      validFrom before: inForce(on: "2025-12-31") after: inForce(on: "2026-01-01")
      validity { from { edtf planned label } after: inForceOn(on: "2026-06-01") { state reason explanation } } } }`);
    expect(res.data.legalBasis).toMatchObject({ validFrom: null, before: false, after: null });
    expect(res.data.legalBasis.validity.from).toEqual({ edtf: '2026-01-01', planned: true, label: '1 januari 2026 (voorzien)' });
    expect(res.data.legalBasis.validity.after).toMatchObject({ state: 'UNKNOWN', reason: 'START_ONLY_PLANNED', explanation: expect.stringContaining('voorzien') });
  });

  it('has the Decreet Veilige Huizen in force from 2024-04-18, not before', async () => {
    const res = await hub.graphql('{ legalBasis(id: "decreet-2024-03-29-veilige-huizen") { before: inForce(on: "2024-04-17") from: inForce(on: "2024-04-18") } }');
    expect(res.data.legalBasis).toEqual({ before: false, from: true });
    const list = await hub.graphql('{ legalBases(filter: {inForceOn: "2024-04-17"}) { nodes { id } } }');
    expect(list.data.legalBases.nodes.map((n: { id: string }) => n.id)).not.toContain('decreet-2024-03-29-veilige-huizen');
  });
});

describe('servSynthesis', () => {
  // Report section 4.4.5 (document 003): ✓/✗ per cell, IFG then bestuurlijke handhaving.
  const REPORT_4_4_5: Array<[string, string, boolean, boolean]> = [
    ['LOYAUTEIT', 'INFORMEEL_OVERLEG', true, true],
    ['LOYAUTEIT', 'INFORMATIE_GEGEVENSUITWISSELING', true, true],
    ['LOYAUTEIT', 'GEZAMENLIJKE_FINANCIERING', true, false],
    ['PARTICIPATIE', 'WETGEVEND', true, false],
    ['PARTICIPATIE', 'UITVOEREND', true, true],
    ['PARTICIPATIE', 'AMBTELIJK', true, true],
    ['AFSTEMMING', 'WETGEVEND', true, false],
    ['AFSTEMMING', 'UITVOEREND', true, true],
    ['AFSTEMMING', 'AMBTELIJK', true, true],
    ['AFSTEMMING', 'SAMENWERKEN_IN_NETWERKEN', true, true],
  ];

  it('reproduces the synthesis table of section 4.4.5 cell by cell, with instruments and evidence', async () => {
    const res = await hub.graphql(`{ servSynthesis(cases: ["ifg", "bestuurlijke-handhaving"]) {
      case { id } cells { principle dimension present instruments { id } evidence { instrument { id } sources { document locator quote } } } } }`);
    expect(res.errors).toBeUndefined();
    const [ifg, bh] = res.data.servSynthesis;
    expect([ifg.case.id, bh.case.id]).toEqual(['ifg', 'bestuurlijke-handhaving']);
    const grid = (c: { cells: Array<{ principle: string; dimension: string; present: boolean }> }) => c.cells.map((x) => [x.principle, x.dimension, x.present]);
    expect(grid(ifg)).toEqual(REPORT_4_4_5.map(([p, d, i]) => [p, d, i]));
    expect(grid(bh)).toEqual(REPORT_4_4_5.map(([p, d, , b]) => [p, d, b]));
    for (const cell of [...ifg.cells, ...bh.cells]) {
      expect(cell.evidence.length, `${cell.principle} ${cell.dimension}`).toBeGreaterThan(0);
      for (const e of cell.evidence) expect(e.sources[0]).toMatchObject({ document: '003_736529793f2ac1f6.txt', quote: expect.any(String) });
      expect(cell.present).toBe(cell.instruments.length > 0);
    }
    const cell = (c: typeof ifg, p: string, d: string) => c.cells.find((x: { principle: string; dimension: string }) => x.principle === p && x.dimension === d).instruments.map((i: { id: string }) => i.id);
    // The instruments the table names in its cells.
    expect(cell(ifg, 'LOYAUTEIT', 'INFORMEEL_OVERLEG')).toEqual(expect.arrayContaining(['family-justice-centers', 'veilige-huizen']));
    expect(cell(ifg, 'LOYAUTEIT', 'INFORMATIE_GEGEVENSUITWISSELING')).toEqual(expect.arrayContaining(['wida']));
    expect(cell(bh, 'AFSTEMMING', 'SAMENWERKEN_IN_NETWERKEN')).toEqual(expect.arrayContaining(['ariec', 'vlaams-handhavingsplatform', 'livc-r']));
    expect(cell(bh, 'AFSTEMMING', 'AMBTELIJK')).toEqual(expect.arrayContaining(['spoc-bestuurlijke-handhaving', 'ariec']));
  });

  it('refuses an unknown case id with NOT_FOUND and the known ids', async () => {
    const res = await hub.graphql('{ servSynthesis(cases: ["ifg", "drugs"]) { case { id } } }');
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', known: ['bestuurlijke-handhaving', 'ifg'] }, message: expect.stringContaining('"drugs"') });
  });
});

describe('lists for researchers', () => {
  it('filters instruments by case and SERV cell, organisations by territory and kind, and pages with cursors', async () => {
    const res = await hub.graphql(`{
      cells: cooperationInstruments(filter: { case: "ifg", principle: AFSTEMMING, dimension: WETGEVEND }) { totalCount nodes { id } }
      byBasis: cooperationInstruments(filter: { legalBasis: "sw-art-458ter" }) { nodes { id } }
      orgs: organisations(filter: { municipality: "71072", kind: VEILIG_HUIS }) { nodes { id } }
      page1: municipalities(filter: { serviceRegion: "vh-region-limburg" }, first: 20) { totalCount pageInfo { hasNextPage endCursor } nodes { nis } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.cells.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['artikel-458ter-strafwetboek', 'decreet-veilige-huizen']);
    expect(res.data.byBasis.nodes.map((n: { id: string }) => n.id)).toContain('casusoverleg-458ter');
    expect(res.data.orgs.nodes).toEqual([{ id: 'veilig-huis-limburg' }]);
    const { totalCount, pageInfo, nodes } = res.data.page1;
    expect(nodes).toHaveLength(20);
    expect(pageInfo.hasNextPage).toBe(true);
    const page2 = await hub.graphql('query($after: String) { municipalities(filter: { serviceRegion: "vh-region-limburg" }, first: 20, after: $after) { pageInfo { hasNextPage } nodes { nis } } }', { after: pageInfo.endCursor });
    expect(page2.data.municipalities.nodes).toHaveLength(totalCount - 20);
    expect(page2.data.municipalities.pageInfo.hasNextPage).toBe(false);
    const all = [...nodes, ...page2.data.municipalities.nodes].map((n: { nis: string }) => n.nis);
    expect(new Set(all).size).toBe(totalCount);
  });

  it('refuses a page size out of range and a foreign cursor', async () => {
    expect((await hub.graphql('{ municipalities(first: 0) { totalCount } }')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await hub.graphql('{ municipalities(after: "bm9wZQ") { totalCount } }')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('runs a constant number of SQL statements for all municipalities with police zone, Veilig Huis and ARIEC', async () => {
    const QUERY = 'query($n: Int) { municipalities(first: $n) { nodes { name policeZone { name } veiligHuis { organisation { name } } ariec { organisation { name } } } } }';
    const count = async (n: number) => {
      statements.length = 0;
      const res = await hub.graphql(QUERY, { n });
      expect(res.errors).toBeUndefined();
      expect(res.data.municipalities.nodes).toHaveLength(n);
      return statements.length;
    };
    const few = await count(5);
    const all = await count(304);
    expect(all).toBe(few);
    expect(all).toBeLessThan(20);
  });
});

describe('search', () => {
  const search = async (q: string) => (await hub.graphql('query($q: String!) { search(query: $q) { type id label score } }', { q })).data.search;

  it('finds organisations, instruments, legal bases and places, tolerant of typos and accents, each hit saying its type', async () => {
    expect((await search('veilg huis limburg'))[0]).toMatchObject({ type: 'ORGANISATION', id: 'veilig-huis-limburg' });
    expect((await search('Haselt'))[0]).toMatchObject({ type: 'MUNICIPALITY', id: '71072' });
    expect((await search('458ter')).map((h: { type: string; id: string }) => `${h.type}:${h.id}`)).toEqual(
      expect.arrayContaining(['LEGAL_BASIS:sw-art-458ter', 'INSTRUMENT:casusoverleg-458ter']),
    );
    expect((await search('intrafamiliaal geweld')).some((h: { type: string }) => h.type === 'INSTRUMENT')).toBe(true);
    expect((await search('Kortessem'))[0]).toMatchObject({ type: 'MUNICIPALITY', id: '71072' });
    const hits = await search('handhavingsplatform');
    expect(hits[0]).toMatchObject({ type: 'INSTRUMENT', id: 'vlaams-handhavingsplatform' });
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1].score).toBeGreaterThanOrEqual(hits[i].score);
  });

  it('refuses a query of fewer than two characters', async () => {
    expect((await hub.graphql('{ search(query: " ") { id } }')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('scale congruence', () => {
  it('lists the municipalities where police zone, judicial division, Veilig Huis region and ARIEC area do not nest', async () => {
    const res = await hub.graphql('{ scaleMismatches { municipality { nis name } mismatches } }');
    expect(res.errors).toBeUndefined();
    const byName = new Map<string, string[]>(res.data.scaleMismatches.map((m: { municipality: { name: string }; mismatches: string[] }) => [m.municipality.name, m.mismatches]));
    // PZ CARMA covers Genk (afdeling Tongeren) and Houthalen-Helchteren (afdeling Hasselt), per the judicial data.
    expect(byName.get('Genk')).toEqual([expect.stringMatching(/police zone pz-carma spans 2 judicial divisions: ga-limburg-hasselt, ga-limburg-tongeren/)]);
    // Unknown areas are not mismatches: Beveren-Kruibeke-Zwijndrecht has no division or Veilig Huis region on record.
    for (const mismatches of byName.values()) for (const m of mismatches) expect(m).toMatch(/spans \d+ /);
  });

  it('compares each instrument\'s scales with its partners\' scales', async () => {
    const res = await hub.graphql(`{ instrument(id: "fjc-limburg-kaderovereenkomst") { scales scaleCongruence { instrumentScales congruent mismatches partners { organisation { id } scales } } } }`);
    expect(res.errors).toBeUndefined();
    const { scales, scaleCongruence } = res.data.instrument;
    // The kaderovereenkomst works on the judicial arrondissement Limburg, as do the FJC and the parket; the
    // Flemish agencies (Justitie en Handhaving, Opgroeien, Kind en Gezin) work on all of Flanders: the report's
    // scale mismatch, in one instrument.
    expect(scales).toEqual(['JUDICIAL_ARRONDISSEMENT']);
    const scalesOf = new Map(scaleCongruence.partners.map((p: { organisation: { id: string }; scales: string[] }) => [p.organisation.id, p.scales]));
    expect(scalesOf.get('fjc-limburg')).toEqual(['JUDICIAL_ARRONDISSEMENT']);
    expect(scalesOf.get('agentschap-justitie-en-handhaving')).toEqual(['FLANDERS']);
    expect(scaleCongruence.congruent).toBe(false);
    expect([...scaleCongruence.mismatches].sort()).toEqual([
      'Agentschap Justitie en Handhaving works on FLANDERS; the instrument on JUDICIAL_ARRONDISSEMENT.',
      'Agentschap Opgroeien works on FLANDERS; the instrument on JUDICIAL_ARRONDISSEMENT.',
      'Kind en Gezin works on FLANDERS; the instrument on JUDICIAL_ARRONDISSEMENT.',
      // A party of the agreement the instrument is (one record per real thing: the instrument once lacked it).
      'Vertrouwenscentrum Kindermishandeling Limburg works on PROVINCE; the instrument on JUDICIAL_ARRONDISSEMENT.',
    ]);
  });
});
