import { describe, expect, it } from 'vitest';
import { composeSupergraph, generateSubgraphSdls, staleSchemaFiles } from '../../hub/schema';

describe('schema/', () => {
  it('holds exactly what the code generates, and the supergraph composes', async () => {
    expect(await staleSchemaFiles()).toEqual([]);
  });

  it('fails composition loudly when two subgraphs disagree', async () => {
    const sdls = await generateSubgraphSdls();
    // A second subgraph defining the territory-owned type without @key or @shareable must not compose.
    const broken = { ...sdls, rogue: 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\ntype PoliceZone { id: ID! name: String! }\ntype Query { rogue: PoliceZone }' };
    expect(() => composeSupergraph(broken)).toThrowError(/composition failed/);
  });
});
