import { describe, expect, it } from 'vitest';
import { throughShared } from '../../subgraphs/_shared/shared-reads';

describe('throughShared', () => {
  it('loads only the keys it does not hold, in one call, and answers every key in the order asked', async () => {
    const kept = new Map<string, unknown>();
    const calls: string[][] = [];
    const load = async (keys: readonly string[]) => {
      calls.push([...keys]);
      return keys.map((key) => (key === 'nobody' ? null : { id: key }));
    };
    expect(await throughShared(['a', 'nobody'], load, () => kept)).toEqual([{ id: 'a' }, null]);
    expect(await throughShared(['b', 'a', 'nobody'], load, () => kept)).toEqual([{ id: 'b' }, { id: 'a' }, null]);
    expect(calls).toEqual([['a', 'nobody'], ['b']]);
  });

  it('gives each request its own rows: a change one resolver makes to its copy is not in the next answer', async () => {
    const kept = new Map<string, unknown>();
    const load = async () => [[{ id: 'x', sources: [{ document: 'd' }] }]];
    const [rows] = (await throughShared(['k'], load, () => kept)) as Array<Array<{ id: string; sources: unknown[]; __typename?: string }>>;
    rows[0].__typename = 'Organisation';
    rows[0].id = 'changed';
    rows.push({ id: 'y', sources: [] });
    // What rows hold below their own fields is shared, and read-only.
    expect(() => rows[0].sources.push({ document: 'e' })).toThrow(TypeError);
    expect(await throughShared(['k'], load, () => kept)).toEqual([[{ id: 'x', sources: [{ document: 'd' }] }]]);
  });

  it('keeps the class of a row, whose getters resolvers use', async () => {
    class Row {
      constructor(readonly first: string, readonly last: string) {}
      get name() {
        return `${this.first} ${this.last}`;
      }
    }
    const kept = new Map<string, unknown>();
    await throughShared(['k'], async () => [new Row('Veilig', 'Huis')], () => kept);
    const [again] = await throughShared<string, Row | null>(['k'], async () => [null], () => kept);
    expect(again).toBeInstanceOf(Row);
    expect((again as Row).name).toBe('Veilig Huis');
  });

  it('reads straight through when the request may not use kept rows', async () => {
    let loads = 0;
    const load = async (keys: readonly string[]) => keys.map((key) => ({ id: key, n: ++loads }));
    await throughShared(['a'], load, () => undefined);
    expect(await throughShared(['a'], load, () => undefined)).toEqual([{ id: 'a', n: 2 }]);
  });
});
