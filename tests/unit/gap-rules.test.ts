import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { OrganisationKind } from '../../subgraphs/_shared/enums';
import { type GapInput, type OrganisationRow, recordGaps } from '../../subgraphs/partners/gaps/record-gaps';
import { kindTotals } from '../../subgraphs/partners/gaps/totals';
import { GAP_CODES, fill, vocabulary } from '../../subgraphs/partners/gaps/vocabulary';

/** The gap rules on rows made up here (no database): dates, confirmation, holders; and the vocabulary file. */

const org = (over: Partial<OrganisationRow> = {}): OrganisationRow => ({
  id: 'org-a', name: 'Organisatie A', kind: OrganisationKind.VEILIG_HUIS, kbo: null, ovo: null, contactPoints: [],
  validFrom: null, validFromEdtf: null, validToEdtf: null, unconfirmed: [], sources: [], confirmedOn: null, ...over,
});
const input = (over: Partial<GapInput> = {}): GapInput => ({
  today: '2026-12-02', confirmedSince: '2025-12-02', freshnessDays: 365, organisations: [org()], sites: [], posts: [], agreements: [], holders: [], ...over,
});
const codes = (i: GapInput, id = 'org-a') => recordGaps(i).find((r) => r.recordId === id)?.gaps.map((g) => g.code) ?? [];

describe('gap rules', () => {
  it('names what an organisation lacks, and nothing it has', () => {
    expect(codes(input())).toEqual(['NO_CONTACT_POINT', 'NO_IDENTIFIER', 'NO_SITE', 'START_UNKNOWN', 'NOT_CONFIRMED_RECENTLY']);
    const complete = org({
      kbo: '0123.456.789', contactPoints: [{ sources: [{ url: 'https://x.be', seen: '2026-11-30' } as never] }], validFrom: '2020-01-01', validFromEdtf: '2020-01-01',
    });
    const site = { id: 's', organisationId: 'org-a', name: 'S', validFrom: null, validFromEdtf: '2020', unconfirmed: [], sources: [], confirmedOn: '2026-12-01' };
    expect(codes(input({ organisations: [complete], sites: [site] }))).toEqual([]);
    expect(codes(input({ organisations: [complete], sites: [site] }), 's')).toEqual(['DATE_IMPRECISE']);
  });

  it('says a start known as a month is imprecise, a planned one planned, and leaves out what has ended', () => {
    expect(codes(input({ organisations: [org({ validFromEdtf: '2023-11', validFromPlanned: true })] }))).toEqual(
      expect.arrayContaining(['DATE_IMPRECISE', 'DATE_PLANNED']),
    );
    expect(codes(input({ organisations: [org({ validFromEdtf: '2023-11' })] }))).not.toContain('START_UNKNOWN');
    const [imprecise] = recordGaps(input({ organisations: [org({ validFromEdtf: '2023-11' })] }))[0].gaps.filter((g) => g.code === 'DATE_IMPRECISE');
    expect(imprecise).toEqual({ code: 'DATE_IMPRECISE', field: 'validity.from', explanation: 'De startdatum is slechts bekend als november 2023, niet op de dag.', count: null });
    expect(recordGaps(input({ organisations: [org({ validFromEdtf: '2000-01-01', validToEdtf: '2020-01-01' })] }))).toEqual([]);
  });

  it('counts posts without a current holder (an ended or future term is no holder)', () => {
    const post = (id: string) => ({ id, organisationId: 'org-a', organisationKind: null, title: id, validFrom: null, unconfirmed: [], sources: [], confirmedOn: null });
    const gaps = recordGaps(input({
      posts: [post('p1'), post('p2'), post('p3')],
      holders: [{ postId: 'p1', validFrom: null, validTo: null }, { postId: 'p2', validFrom: '2020-01-01', validTo: '2021-01-01' }, { postId: 'p3', validFrom: '2030-01-01', validTo: null }],
    })).find((r) => r.recordId === 'org-a')!.gaps;
    expect(gaps.find((g) => g.code === 'POST_WITHOUT_HOLDER')).toMatchObject({ count: 2, explanation: '2 functie(s) van deze organisatie zonder huidige houder in het register.' });
  });

  it('totals per kind agree with the per-record gaps', () => {
    const i = input({ organisations: [org(), org({ id: 'org-b', contactPoints: [{ sources: [] }] })] });
    expect(kindTotals(i).find((t) => t.measure === 'CONTACT_POINT')).toEqual({
      kind: 'VEILIG_HUIS', label: 'Veilig Huis', measure: 'CONTACT_POINT', known: 1, of: 2, sentence: 'Veilig Huis: contactpunt bekend voor 1 van 2',
    });
    expect(recordGaps(i).filter((r) => r.gaps.some((g) => g.code === 'NO_CONTACT_POINT'))).toHaveLength(1);
  });
});

describe('the gap vocabulary file', () => {
  it('has a Dutch explanation for every code the rules emit', () => {
    for (const code of GAP_CODES) expect(vocabulary().gaps[code].explanation.length).toBeGreaterThan(10);
  });
  it('fills placeholders and leaves an unfilled one visible', () => {
    expect(fill('{count} van {of}', { count: 1 })).toBe('1 van {of}');
  });
});
