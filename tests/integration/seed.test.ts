import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { SEEDS_DIR } from '../../core/paths';
import { seed } from '../../hub/seed';
import { createTestDatabase, queryRows } from '../helpers/database';

describe('npm run seed', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('loads every municipality of Flanders and Brussels with its areas', async () => {
    await seed(db.url);
    const [counts] = await queryRows<{ all: number; flemish: number; brussels: number }>(
      db.url,
      `SELECT count(*) AS all, count(*) FILTER (WHERE region = 'FLANDERS') AS flemish, count(*) FILTER (WHERE region = 'BRUSSELS') AS brussels FROM territory.municipality`,
    );
    expect(counts).toEqual({ all: 304, flemish: 285, brussels: 19 });
    const [hasselt] = await queryRows(db.url, `SELECT m.name, z.name AS zone FROM territory.municipality m JOIN territory.police_zone z ON z.id = m.police_zone_id WHERE m.nis = '71072'`);
    expect(hasselt).toEqual({ name: 'Hasselt', zone: 'PZ Limburg Regio Hoofdstad' });
  });

  it('changes nothing when loaded twice', async () => {
    const before = await queryRows(db.url, `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM partners.organisation t`);
    const results = await seed(db.url);
    for (const [table, r] of Object.entries(results)) {
      expect({ table, written: r.written, removed: r.removed, versions: r.versions ?? 0 }).toEqual({ table, written: 0, removed: 0, versions: 0 });
    }
    const after = await queryRows(db.url, `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM partners.organisation t`);
    expect(after).toEqual(before);
  });

  it('loads nothing when one record is wrong, and names the file, the record and the problem', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketenkaart-seeds-'));
    fs.cpSync(SEEDS_DIR, path.join(dir, 'seeds'), { recursive: true });
    const file = path.join(dir, 'seeds', 'legal', 'legal-bases.yaml');
    fs.appendFileSync(file, '  - id: wet-zonder-bron\n    kind: WET\n    level: FEDERAL\n    title: Een wet zonder bron\n    sources: []\n');
    const [before] = await queryRows<{ n: number }>(db.url, 'SELECT count(*) AS n FROM legal.legal_basis');
    await expect(seed(db.url, { dir: path.join(dir, 'seeds') })).rejects.toThrowError(
      /seeds\/legal\/legal-bases\.yaml \[wet-zonder-bron\]: sources: every record needs at least one source/,
    );
    const [after] = await queryRows<{ n: number }>(db.url, 'SELECT count(*) AS n FROM legal.legal_basis');
    expect(after.n).toBe(before.n);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('journals what the seed files change, as an editor\'s write would be: new versions, removals, and a return', async () => {
    const versionsOf = (id: string) =>
      queryRows<{ version: number; action: string; title: string | null; subject: string }>(
        db.url,
        `SELECT version, action, state->>'title' AS title, subject FROM partners.record_version WHERE entity = 'POST' AND record_id = $1 ORDER BY version`,
        [id],
      );
    const [first] = await versionsOf('fjc-limburg-casusregisseur');
    expect(first).toEqual({ version: 1, action: 'CREATED', title: 'Casusregisseur Family Justice Center Limburg', subject: 'seed' });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketenkaart-seeds-'));
    fs.cpSync(SEEDS_DIR, path.join(dir, 'seeds'), { recursive: true });
    const file = path.join(dir, 'seeds', 'partners', 'posts.yaml');
    const doc = parseDocument(fs.readFileSync(file, 'utf8'));
    const posts = doc.get('records') as { items: Array<{ get(key: string): unknown; set(key: string, value: unknown): void }> };
    const renamed = posts.items.find((p) => p.get('id') === 'fjc-limburg-casusregisseur')!;
    renamed.set('title', 'Casusregisseur FJC Limburg (hernoemd)');
    const removedId = posts.items.at(-1)!.get('id') as string;
    posts.items.pop();
    fs.writeFileSync(file, doc.toString());
    try {
      const results = await seed(db.url, { dir: path.join(dir, 'seeds') });
      expect(results['partners.post']).toMatchObject({ removed: 1, versions: 2 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect((await versionsOf('fjc-limburg-casusregisseur')).at(-1)).toEqual({ version: 2, action: 'CHANGED', title: 'Casusregisseur FJC Limburg (hernoemd)', subject: 'seed' });
    expect((await versionsOf(removedId)).map((v) => v.action)).toEqual(['CREATED', 'REMOVED']);

    // The files as they are: the title changes back and the removed post returns, its numbering continued.
    await seed(db.url);
    expect((await versionsOf('fjc-limburg-casusregisseur')).map((v) => `${v.version}:${v.action}`)).toEqual(['1:CREATED', '2:CHANGED', '3:CHANGED']);
    expect((await versionsOf(removedId)).map((v) => `${v.version}:${v.action}`)).toEqual(['1:CREATED', '2:REMOVED', '3:CREATED']);
    const [current] = await queryRows<{ version: number }>(db.url, 'SELECT version FROM partners.post WHERE id = $1', [removedId]);
    expect(current.version).toBe(3);
  });
});
