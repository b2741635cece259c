import { describe, expect, it } from 'vitest';
import { attributeChanges, changeEvent } from '../../gateway/feed/events';

describe('what a version changed', () => {
  it('gives a first version every attribute it has, old values null, in name order; the version is not an attribute', () => {
    expect(attributeChanges(null, { name: 'CAW Limburg', kind: 'CAW', note: null, version: 1 })).toEqual([
      { name: 'kind', oldValue: null, newValue: 'CAW' },
      { name: 'name', oldValue: null, newValue: 'CAW Limburg' },
    ]);
  });

  it('gives a change only the attributes that differ, lists and objects compared whole and key order ignored', () => {
    const before = { name: 'A', serves: [{ scale: 'PROVINCE', ref: 'limburg' }], validity: { from: '2020', to: null }, version: 2 };
    const after = { name: 'A', serves: [{ ref: 'limburg', scale: 'PROVINCE' }, { scale: 'FLANDERS' }], validity: { to: null, from: '2020' }, version: 3 };
    expect(attributeChanges(before, after)).toEqual([{ name: 'serves', oldValue: before.serves, newValue: after.serves }]);
  });

  it('clears every attribute of a removed record, and treats a missing and a null value alike', () => {
    expect(attributeChanges({ name: 'B', note: null, version: 4 }, {})).toEqual([{ name: 'name', oldValue: 'B', newValue: null }]);
  });
});

describe('a journal entry as a CloudEvent', () => {
  it('names the record by its URI, the version by its own, and the type by record type and action', () => {
    const event = changeEvent('https://ketenkaart.example/', {
      s: 'partners',
      key: ['2026-12-02T02:40:11.532114Z', 'AGREEMENT', 'fjc limburg/1', 3],
      action: 'ENDED',
      previous: { validTo: null, version: 2 },
      state: { validTo: '2027-01-01', version: 3 },
    });
    expect(event).toEqual({
      specversion: '1.0',
      id: 'https://ketenkaart.example/feed/versie/overeenkomst/fjc%20limburg%2F1/3',
      source: 'https://ketenkaart.example/feed/changes',
      type: 'be.vlaanderen.ketenkaart.overeenkomst.ended',
      time: '2026-12-02T02:40:11.532114Z',
      subject: 'https://ketenkaart.example/id/overeenkomst/fjc%20limburg%2F1',
      datacontenttype: 'application/json',
      data: { recordType: 'overeenkomst', id: 'fjc limburg/1', version: 3, action: 'ENDED', attributes: [{ name: 'validTo', oldValue: null, newValue: '2027-01-01' }] },
    });
  });

  it('refuses a record type the feed does not publish rather than inventing a name for it', () => {
    expect(() => changeEvent('https://k.example', { s: 'partners', key: ['2026-01-01T00:00:00.000000Z', 'POST_HOLDER', 'x', 1], action: 'CREATED', previous: null, state: {} })).toThrow(
      /does not name: POST_HOLDER/,
    );
  });
});
