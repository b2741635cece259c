import type { SubgraphName } from '../../core/config';
import type { Identity } from '../../core/auth/roles';
import { encodeIdentity } from '../../core/auth/signing';
import { type SubgraphAnswer, SubgraphTransport } from '../../core/subgraph-transport';
import { type Deadline, callOutage, isAwayStatus } from '../../core/deadline';
import { ErrorCode, unavailable, userError } from '../../core/errors';

export type PeerUrls = Partial<Record<SubgraphName, { url: string }>>;

/** One keep-alive connection pool per sibling, made on first use and kept for the life of the subgraph. */
export class PeerTransports {
  private readonly made = new Map<SubgraphName, SubgraphTransport>();

  constructor(
    private readonly secret: string,
    private readonly urls: PeerUrls,
  ) {}

  of(target: SubgraphName): SubgraphTransport {
    let transport = this.made.get(target);
    if (!transport) {
      const url = this.urls[target]?.url;
      if (!url) throw new Error(`no URL configured for the ${target} subgraph`);
      this.made.set(target, (transport = new SubgraphTransport(url, this.secret)));
    }
    return transport;
  }

  async close(): Promise<void> {
    await Promise.all([...this.made.values()].map((t) => t.close()));
    this.made.clear();
  }
}

/**
 * Service-to-service GraphQL: a subgraph asks a sibling what only the sibling knows (does this legal basis
 * exist, which municipalities does this police zone cover). The request is signed like the gateway's and
 * carries the caller's own identity, so the sibling applies the same field rules to it: a call on someone's
 * behalf never sees more than they may. One client serves one request: each call carries, and ends at, what is
 * left of that request's deadline; a sibling that is down or too slow is UNAVAILABLE, naming it.
 */
export class SubgraphClient {
  constructor(
    private readonly transports: PeerTransports,
    private readonly deadline: Deadline,
  ) {}

  async request<T>(target: SubgraphName, identity: Identity, requestId: string, query: string, variables: Record<string, unknown>): Promise<T> {
    const transport = this.transports.of(target);
    let response: SubgraphAnswer;
    try {
      response = await transport.post(JSON.stringify({ query, variables }), {
        identity: encodeIdentity(identity),
        requestId,
        timeLeftMs: this.deadline.header(),
        signal: this.deadline.signal(),
      });
    } catch (err) {
      const outage = callOutage(err);
      throw outage ? unavailable(target, outage) : err;
    }
    let answer: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string; reason?: string } }> };
    try {
      answer = JSON.parse(response.body);
    } catch {
      answer = {};
    }
    // The sibling could not answer in time itself (its database or its own sibling): the same outage, passed on.
    const outage = answer.errors?.find((e) => e.extensions?.code === 'UNAVAILABLE');
    if (outage || isAwayStatus(response.status)) throw unavailable(target, outage?.extensions?.reason === 'TIMEOUT' ? 'TIMEOUT' : 'UNREACHABLE');
    // A sibling's refusal of the caller's input is the caller's error, passed on in the sibling's words.
    const refusal = answer.errors?.find((e) => e.extensions?.code === ErrorCode.BAD_USER_INPUT || e.extensions?.code === ErrorCode.NOT_FOUND);
    if (refusal) throw userError(refusal.extensions!.code as ErrorCode, refusal.message, refusal.extensions);
    if (response.status < 200 || response.status > 299 || answer.errors?.length || !answer.data) {
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
