import type { SubgraphName } from '../../core/config';
import type { Identity } from '../../core/auth/roles';
import { encodeIdentity, signedHeaders } from '../../core/auth/signing';

export type PeerUrls = Partial<Record<SubgraphName, { url: string }>>;

/**
 * Service-to-service GraphQL: a subgraph asks a sibling what only the sibling knows (does this legal basis
 * exist, which municipalities does this police zone cover). The request is signed like the gateway's and
 * carries the caller's own identity, so the sibling applies the same field rules to it: a call on someone's
 * behalf never sees more than they may.
 */
export class SubgraphClient {
  constructor(
    private readonly secret: string,
    private readonly peers: PeerUrls,
  ) {}

  async request<T>(target: SubgraphName, identity: Identity, requestId: string, query: string, variables: Record<string, unknown>): Promise<T> {
    const url = this.peers[target]?.url;
    if (!url) throw new Error(`no URL configured for the ${target} subgraph`);
    const body = JSON.stringify({ query, variables });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...signedHeaders(this.secret, encodeIdentity(identity), body) },
      body,
    });
    const answer = (await response.json().catch(() => ({}))) as { data?: T; errors?: Array<{ message: string }> };
    if (!response.ok || answer.errors?.length || !answer.data) {
      throw new Error(`the ${target} subgraph answered ${response.status}: ${answer.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
    }
    return answer.data;
  }

  /** Resolves entities of a sibling by key through `_entities`; null for each key it does not know. */
  async entities<T>(target: SubgraphName, identity: Identity, requestId: string, typename: string, keys: Array<Record<string, string>>, selection: string): Promise<Array<T | null>> {
    if (!keys.length) return [];
    const data = await this.request<{ _entities: Array<T | null> }>(
      target,
      identity,
      requestId,
      `query Entities($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${selection} } } }`,
      { representations: keys.map((k) => ({ __typename: typename, ...k })) },
    );
    return data._entities;
  }
}
