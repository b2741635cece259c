import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSubgraphDatabase } from '../../subgraphs/_shared/subgraph';
import { partners } from '../../subgraphs/partners/definition';
import { migrateAll } from '../../hub/hub';
import { createTestDatabase, queryRows } from '../helpers/database';

/**
 * The move to partial dates keeps what is stored: every day becomes a day-precision date, and a record an editor
 * wrote is attested from the day the journal first has it. Run on a database migrated up to the step before.
 */
describe('the model migrations (partial dates, kinds)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    const before = (partners.migrations as Function[]).filter((m) => !['PartialDates1764000013000', 'KindsNotOrganisations1764000015000', 'OrganisationSuccession1764000016000'].includes(m.name));
    const old = await openSubgraphDatabase({ ...partners, migrations: before }, { databaseUrl: db.url, poolSize: 1, migrations: 'apply' });
    await old.query(`
      INSERT INTO partners.organisation (id, name, kind, level, serves, contact_points, valid_from, valid_to, unconfirmed, sources, origin, version)
      VALUES ('fictieve-dienst', 'Fictieve dienst (testdata)', 'OTHER', 'LOCAL', '[]', '[]', '2021-03-01', '2025-01-01', '{}', '[{"dataset": "fixture"}]', 'EDITOR', 2),
             ('fictieve-dienst-zonder-data', 'Fictieve dienst zonder data (testdata)', 'OTHER', 'LOCAL', '[]', '[]', NULL, NULL, '{}', '[{"url": "https://example.org/", "seen": "2024-05-06"}]', 'SEED', 1);
      -- A kind posing as an organisation, with a post an editor wrote on it (moved to the kind, below).
      INSERT INTO partners.organisation (id, name, kind, level, serves, contact_points, unconfirmed, sources)
      VALUES ('lokale-politie', 'Lokale politie (generiek)', 'POLITIEZONE', 'LOCAL', '[{"scale": "POLICE_ZONE"}]', '[]', '{}', '[{"dataset": "fixture"}]');
      INSERT INTO partners.post (id, organisation_id, function, title, phenomena, unconfirmed, sources, origin, version)
      VALUES ('fictieve-spoc', 'lokale-politie', 'SPOC', 'Fictieve SPOC (testdata)', '{}', '{}', '[{"dataset": "fixture"}]', 'EDITOR', 3);
      INSERT INTO partners.record_version (entity, record_id, version, action, organisation_ids, state, subject, role, request_id, recorded_at)
      VALUES ('ORGANISATION', 'fictieve-dienst', 1, 'CREATED', '{fictieve-dienst}', '{}', 'test-editor', 'EDITOR', 'r1', '2022-06-30T10:00:00Z');`);
    await old.destroy();
    await migrateAll(db.url, { serviceUrl: db.serviceUrl });
  });
  afterAll(() => db?.drop());

  it('keeps every day as a day-precision date and attests editor records from their first journal entry', async () => {
    const rows = await queryRows(db.url, `SELECT id, valid_from, valid_to, valid_from_edtf, valid_to_edtf, valid_from_planned, attested_on FROM partners.organisation WHERE id LIKE 'fictieve-%' ORDER BY id`);
    expect(rows).toEqual([
      { id: 'fictieve-dienst', valid_from: '2021-03-01', valid_to: '2025-01-01', valid_from_edtf: '2021-03-01', valid_to_edtf: '2025-01-01', valid_from_planned: false, attested_on: '2022-06-30' },
      { id: 'fictieve-dienst-zonder-data', valid_from: null, valid_to: null, valid_from_edtf: null, valid_to_edtf: null, valid_from_planned: false, attested_on: '2024-05-06' },
    ]);
  });

  it('moves a post an editor wrote on a kind to that kind, keeping its version', async () => {
    const [post] = await queryRows(db.url, `SELECT organisation_id, organisation_kind, title, version FROM partners.post WHERE id = 'fictieve-spoc'`);
    expect(post).toEqual({ organisation_id: null, organisation_kind: 'POLITIEZONE', title: 'Fictieve SPOC (testdata)', version: 3 });
  });

  it('refuses an exact day that disagrees with the date as the sources give it', async () => {
    await expect(queryRows(db.url, `UPDATE partners.organisation SET valid_from_edtf = '2021-03' WHERE id = 'fictieve-dienst'`)).rejects.toThrow(/valid_from_exact_day/);
  });
});
