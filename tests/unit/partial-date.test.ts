import { describe, expect, it } from 'vitest';
import { dutchLabel, earliestDay, inForceOn, isEdtf, latestDay, precisionOf } from '../../core/partial-date';

const d = (edtf: string, planned = false) => ({ edtf, planned });

describe('partial dates', () => {
  it('accept EDTF level 0 at day, month and year precision, and nothing else', () => {
    for (const ok of ['2024-04-18', '2023-11', '2017', '2024-02-29']) expect(isEdtf(ok)).toBe(true);
    for (const bad of ['2023-13', '2023-02-30', '23-11', '2023/11', 'najaar 2017', '2017-21', '']) expect(isEdtf(bad)).toBe(false);
  });

  it('know their precision, first and last day, and a Dutch label', () => {
    expect(precisionOf('2023-11')).toBe('MONTH');
    expect([earliestDay('2023-11'), latestDay('2023-11')]).toEqual(['2023-11-01', '2023-11-30']);
    expect([earliestDay('2024-02'), latestDay('2024-02')]).toEqual(['2024-02-01', '2024-02-29']);
    expect([earliestDay('2017'), latestDay('2017')]).toEqual(['2017-01-01', '2017-12-31']);
    expect(dutchLabel(d('2024-04-18'))).toBe('18 april 2024');
    expect(dutchLabel(d('2023-11'))).toBe('november 2023');
    expect(dutchLabel(d('2026-01-01', true))).toBe('1 januari 2026 (voorzien)');
  });

  describe('answer "in force on D" with three values', () => {
    const opened = { from: d('2023-11'), to: null };
    it('before the month of the start: not in force', () => {
      expect(inForceOn(opened, '2019-01-01')).toMatchObject({ state: 'NOT_IN_FORCE', reason: 'NOT_YET_STARTED' });
    });
    it('inside the month of the start: unknown, saying why', () => {
      const answer = inForceOn(opened, '2023-11-15');
      expect(answer).toMatchObject({ state: 'UNKNOWN', reason: 'START_WITHIN_PERIOD' });
      expect(answer.explanation).toMatch(/november 2023/);
    });
    it('from the last day of that month on: in force', () => {
      expect(inForceOn(opened, '2023-11-30').state).toBe('IN_FORCE');
      expect(inForceOn(opened, '2026-12-01').state).toBe('IN_FORCE');
    });
    it('with no start: unknown, unless a known end has passed', () => {
      expect(inForceOn({ from: null, to: null }, '2010-01-01')).toMatchObject({ state: 'UNKNOWN', reason: 'START_UNKNOWN' });
      expect(inForceOn({ from: null, to: d('2020-01-01') }, '2021-01-01')).toMatchObject({ state: 'NOT_IN_FORCE', reason: 'ENDED' });
    });
    it('without a start, in force from the earliest day a source attests it, unknown before', () => {
      const attested = { from: null, to: null, attestedOn: '2025-09-16' };
      expect(inForceOn(attested, '2026-12-01')).toMatchObject({ state: 'IN_FORCE', reason: null });
      const before = inForceOn(attested, '2010-01-01');
      expect(before).toMatchObject({ state: 'UNKNOWN', reason: 'START_UNKNOWN' });
      expect(before.explanation).toMatch(/16 september 2025/);
      expect(inForceOn({ from: d('2023-11'), to: null, attestedOn: '2025-09-16' }, '2019-01-01').state).toBe('NOT_IN_FORCE');
      expect(inForceOn({ from: d('2026-01-01', true), to: null, attestedOn: '2026-11-25' }, '2026-12-01').reason).toBe('START_ONLY_PLANNED');
    });

    it('a planned start is not a start', () => {
      const planned = { from: d('2026-01-01', true), to: null };
      expect(inForceOn(planned, '2026-06-01')).toMatchObject({ state: 'UNKNOWN', reason: 'START_ONLY_PLANNED' });
      expect(inForceOn(planned, '2025-06-01')).toMatchObject({ state: 'NOT_IN_FORCE', reason: 'NOT_YET_STARTED' });
    });
    it('an end given as a year: unknown within it, ended after it, exclusive when given as a day', () => {
      const plan = { from: d('2021'), to: d('2023') };
      expect(inForceOn(plan, '2022-06-01').state).toBe('IN_FORCE');
      expect(inForceOn(plan, '2023-06-01')).toMatchObject({ state: 'UNKNOWN', reason: 'END_WITHIN_PERIOD' });
      expect(inForceOn(plan, '2024-01-01')).toMatchObject({ state: 'NOT_IN_FORCE', reason: 'ENDED' });
      expect(inForceOn({ from: d('2020-01-01'), to: d('2024-01-01') }, '2024-01-01').state).toBe('NOT_IN_FORCE');
      expect(inForceOn({ from: d('2020-01-01'), to: d('2024-01-01') }, '2023-12-31').state).toBe('IN_FORCE');
    });
  });
});
