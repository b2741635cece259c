import fs from 'node:fs';
import path from 'node:path';
import { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_DIR } from '../../core/paths';
import { startTestHub } from '../helpers/hub';
import { token } from '../helpers/tokens';

/**
 * What a client developer touches first: GraphiQL and codegen read the schema by introspection, and clients
 * test `if (json.errors)`. Found: the gateway's default-deny field filter cut every field of `__Schema`,
 * answers carried `"errors": []`, skipped fields were reported as denied, and denied paths had no list indices.
 */
const ROLES = ['PUBLIC', 'RESEARCHER', 'PARTNER', 'LOCAL_GOVERNMENT', 'EDITOR', 'ADMIN'] as const;

const INTROSPECTION = `{
  __schema {
    queryType { name }
    types { name kind }
  }
  __type(name: "Query") {
    fields { name args { name type { kind name ofType { name } } } }
  }
}`;

describe('introspection and error shape through the real gateway (development)', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const headers: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    hub = await startTestHub();
    for (const role of ROLES) {
      headers[role] = role === 'PUBLIC' ? {} : { authorization: `Bearer ${await token(hub.dataDir, { role, org: 'caw-limburg', municipalities: ['71072'] })}` };
    }
  });
  afterAll(() => hub?.stop());

  for (const role of ROLES) {
    it(`introspection is whole for ${role}: Query.whoIsWho with its arguments`, async () => {
      const res = await hub.graphql(INTROSPECTION, undefined, headers[role]);
      expect(res.errors).toBeUndefined();
      expect(res.data.__schema.queryType.name).toBe('Query');
      const names = res.data.__schema.types.map((t: { name: string }) => t.name);
      expect(names).toEqual(expect.arrayContaining(['Query', 'Mutation', 'Organisation', 'WhoIsWhoResult', '__Schema', 'String']));
      // The API schema: no federation machinery and no @inaccessible parts.
      expect(names.filter((n: string) => n.startsWith('join__') || n.startsWith('link__'))).toEqual([]);
      expect(names).not.toContain('TerritoryArea');
      const whoIsWho = res.data.__type.fields.find((f: { name: string }) => f.name === 'whoIsWho');
      expect(whoIsWho.args.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['municipality', 'postcode', 'on']));
      expect(JSON.stringify(res.data)).not.toContain('__ketenkaart');
    });
  }

  it('schema/api.graphql is exactly what introspection of the gateway answers (for codegen)', async () => {
    const res = await hub.graphql(getIntrospectionQuery({ specifiedByUrl: true }), undefined, headers.ADMIN);
    expect(res.errors).toBeUndefined();
    const served = printSchema(lexicographicSortSchema(buildClientSchema(res.data)));
    const committed = printSchema(lexicographicSortSchema(buildSchema(fs.readFileSync(path.join(SCHEMA_DIR, 'api.graphql'), 'utf8'))));
    expect(served).toBe(committed);
  });

  it('never answers with an empty errors array', async () => {
    // A denied field under a parent that is not there: nothing to report.
    const unknown = await hub.graphql('{ organisation(id: "does-not-exist") { id posts { holders { personName } } } }');
    expect(unknown).not.toHaveProperty('errors');
    const raw = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organisation(id: "does-not-exist") { id posts { holders { personName } } } }' }),
    });
    expect(Object.keys((await raw.json()) as object)).toEqual(['data']);
  });

  it('does not report a denied field the query skips', async () => {
    const res = await hub.graphql(
      `query ($no: Boolean!) {
        organisation(id: "ariec-limburg") {
          id
          posts { id holders @skip(if: true) { personName } alsoHolders: holders @include(if: $no) { personName } }
        }
      }`,
      { no: false },
    );
    expect(res.errors).toBeUndefined();
    const post = res.data.organisation.posts[0];
    expect(post).not.toHaveProperty('holders');
    expect(post).not.toHaveProperty('alsoHolders');
  });

  it('reports a denied field at its path with list indices, as graphql-js does', async () => {
    const res = await hub.graphql('{ organisation(id: "ariec-limburg") { posts { id holders { personName } } } }');
    const posts = res.data.organisation.posts as Array<{ holders: unknown }>;
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.every((p) => p.holders === null)).toBe(true);
    expect(res.errors!.map((e) => e.path)).toEqual(posts.map((_, i) => ['organisation', 'posts', i, 'holders']));
    expect(res.errors!.every((e) => e.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE')).toBe(true);
  });
});
