/** Sends one query and returns its data; throws with the hub's messages when there is none. */
export type AskGraphQL = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

/**
 * Every node of a paged list query (`page: … { pageInfo { hasNextPage endCursor } nodes { … } }`, `$after`),
 * page after page. Stops after 1000 pages rather than looping forever on a cursor that does not move.
 */
export async function allPages<T>(ask: AskGraphQL, query: string, tooMany: () => Error = () => new Error('More than 1000 pages: stopping rather than looping forever.')): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const data: { page: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: T[] } } = await ask(query, { after });
    nodes.push(...data.page.nodes);
    if (!data.page.pageInfo.hasNextPage || !data.page.pageInfo.endCursor) return nodes;
    after = data.page.pageInfo.endCursor;
  }
  throw tooMany();
}
