import { PUBLIC, type Permissions, allFields } from './permissions';

/** Rules for the value types every subgraph defines alike (they must compose identically). */
export const SHARED_PERMISSIONS: Permissions = {
  Source: allFields(PUBLIC, ['document', 'dataset', 'locator', 'quote', 'url', 'title', 'seen']),
  TerritoryRef: allFields(PUBLIC, ['scale', 'ref']),
  PageInfo: allFields(PUBLIC, ['hasNextPage', 'endCursor']),
};

/** Rules for a connection type and its edge type, as `Connection(node, name)` creates them. */
export function connectionPermissions(name: string): Permissions {
  return {
    [`${name}Connection`]: allFields(PUBLIC, ['edges', 'nodes', 'pageInfo', 'totalCount']),
    [`${name}Edge`]: allFields(PUBLIC, ['cursor', 'node']),
  };
}
