import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { type DocumentNode, GraphQLError, type GraphQLFormattedError, Kind, type SelectionSetNode, parse } from 'graphql';
import type { SubgraphName } from '../core/config';
import { ANONYMOUS, type Identity } from '../core/auth/roles';
import { encodeIdentity } from '../core/auth/signing';
import { DEADLINE_MARGIN_MS, type Deadline, callOutage, isAwayStatus } from '../core/deadline';
import { type UnavailableReason, unavailable } from '../core/errors';
import type { Logger } from '../core/logger';
import type { SubgraphAnswer, SubgraphTransport } from '../core/subgraph-transport';

export interface SubgraphCallContext {
  requestId: string;
  clientRequestId?: string;
  identity: Identity;
  deadline: Deadline;
  /** The response cache's change generation this request reads in (see SubgraphCall.generation). */
  cacheSlot?: { generation: number };
}

type ProcessOptions = GraphQLDataSourceProcessOptions<SubgraphCallContext>;

/** A failed fetch that is an outage: the deadline, no answer, or a status that says the subgraph is away. */
function outageReason(err: unknown): UnavailableReason | null {
  const status = (err as { extensions?: { response?: { status?: number } } })?.extensions?.response?.status;
  return callOutage(err) ?? (isAwayStatus(status) ? 'UNREACHABLE' : null);
}

/** Response keys of the fields a selection set asks for (inline fragments followed), without `__typename`. */
function responseKeys(selectionSet: SelectionSetNode | undefined): string[] {
  const keys = new Set<string>();
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD && selection.name.value !== '__typename') keys.add(selection.alias?.value ?? selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT) for (const key of responseKeys(selection.selectionSet)) keys.add(key);
  }
  return [...keys];
}

/**
 * One error per field the failed fetch should have filled, at its path in the subgraph's answer: the gateway
 * maps `_entities` paths to the places in the client's answer, so only those fields are null and the rest of
 * the answer stands (where the schema lets it: fields another subgraph resolves are nullable).
 */
function errorsForFailedFetch(document: DocumentNode, representations: number | undefined, error: GraphQLFormattedError): GraphQLFormattedError[] {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return [error];
  const root = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities');
  if (representations !== undefined && root?.kind === Kind.FIELD) {
    const keys = responseKeys(root.selectionSet);
    return Array.from({ length: representations }, (_, index) => keys.map((key) => ({ ...error, path: ['_entities', index, key] }))).flat();
  }
  return responseKeys(operation.selectionSet).map((key) => ({ ...error, path: [key] }));
}

/**
 * A subgraph's answer other than 2xx, as @apollo/gateway's own data source reports it (the status in
 * `extensions.response`), so that the gateway tells an outage (502, 503, 504) from a refusal.
 */
function errorFromAnswer(url: string, answer: SubgraphAnswer, body: unknown): GraphQLError {
  const code = answer.status === 401 ? 'UNAUTHENTICATED' : answer.status === 403 ? 'FORBIDDEN' : undefined;
  return new GraphQLError(`${answer.status}: ${answer.statusText}`, {
    extensions: { response: { url, status: answer.status, statusText: answer.statusText, body }, ...(code ? { code } : {}) },
  });
}

function bodyOf(answer: SubgraphAnswer): unknown {
  const json = answer.contentType.startsWith('application/json') || answer.contentType.startsWith('application/graphql-response+json');
  return json ? JSON.parse(answer.body) : answer.body;
}

/**
 * The gateway's connection to one subgraph: every call carries the caller's identity and the time left of the
 * request's deadline (both signed by the transport), and ends when that deadline passes. A subgraph that is down,
 * too slow or restarting yields UNAVAILABLE errors on the fields it owns, naming the part, and a warning in the
 * log under the request id; the fetch itself never fails the whole request.
 */
export class SubgraphDataSource implements GraphQLDataSource<SubgraphCallContext> {
  constructor(
    private readonly subgraph: SubgraphName,
    private readonly transport: SubgraphTransport,
    private readonly log: Logger,
  ) {}

  async process(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    const context = options.context as Partial<SubgraphCallContext> | undefined;
    const { query, variables, operationName, extensions } = options.request;
    if (!query) throw new Error('gateway bug: a subgraph request without a query');
    const timeLeftMs = context?.deadline?.header(DEADLINE_MARGIN_MS);
    try {
      const answer = await this.transport.post(JSON.stringify({ query, variables, operationName, extensions }), {
        // Identity travels only inside the signed request; nothing a client sends is forwarded.
        identity: encodeIdentity(context?.identity ?? ANONYMOUS),
        // A subgraph records this id in the audit trail and the journal.
        requestId: context?.requestId,
        timeLeftMs,
        // The subgraph was given the margin less (core/deadline.ts), so that it answers, or gives up, first.
        signal: timeLeftMs === undefined ? undefined : AbortSignal.timeout(Math.max(1, Number(timeLeftMs) + DEADLINE_MARGIN_MS)),
        generation: context?.cacheSlot?.generation,
      });
      const body = bodyOf(answer);
      if (answer.status < 200 || answer.status > 299) throw errorFromAnswer(this.transport.url, answer, body);
      if (!body || typeof body !== 'object') throw new Error(`Expected JSON response body, but received: ${String(body).slice(0, 200)}`);
      return body as GatewayGraphQLResponse;
    } catch (err) {
      const reason = outageReason(err);
      this.log.warn(
        { requestId: context?.requestId, clientRequestId: context?.clientRequestId, subgraph: this.subgraph, reason: reason ?? 'ERROR', err: err instanceof Error ? err.message : String(err) },
        'subgraph fetch failed',
      );
      if (!reason) throw err;
      // Parsed only for a fetch that failed (the planner's node is not always passed on): no cache to grow.
      const document = ('document' in options ? options.document : undefined) ?? parse(query);
      const representations = (variables as { representations?: unknown[] } | undefined)?.representations?.length;
      const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      // A subgraph's write is one transaction that commits only within its deadline (shorter than ours): when we
      // stop waiting, it has not written.
      const written = operation?.kind === Kind.OPERATION_DEFINITION && operation.operation === 'mutation' ? { written: false } : {};
      const error = unavailable(this.subgraph, reason, written).toJSON();
      return { errors: errorsForFailedFetch(document, representations, error) as never };
    }
  }
}
