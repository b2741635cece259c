import { CHANGE_GENERATION_HEADER } from './auth/signing-fetcher';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { type DocumentNode, type GraphQLFormattedError, Kind, type SelectionSetNode, parse } from 'graphql';
import type { SubgraphName } from '../core/config';
import { ANONYMOUS, type Identity } from '../core/auth/roles';
import { HEADER, encodeIdentity } from '../core/auth/signing';
import { DEADLINE_MARGIN_MS, type Deadline, callOutage, isAwayStatus } from '../core/deadline';
import { type UnavailableReason, unavailable } from '../core/errors';
import type { Logger } from '../core/logger';

export interface SubgraphCallContext {
  requestId: string;
  clientRequestId?: string;
  identity: Identity;
  deadline: Deadline;
  /** The response cache's change generation this request reads in (see CHANGE_GENERATION_HEADER). */
  cacheSlot?: { generation: number };
}

type ProcessOptions = Parameters<RemoteGraphQLDataSource<SubgraphCallContext>['process']>[0];
type ProcessResult = Awaited<ReturnType<RemoteGraphQLDataSource<SubgraphCallContext>['process']>>;

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
 * The gateway's connection to one subgraph: every call carries the caller's identity and the time left of the
 * request's deadline (both signed by the fetcher), and ends when that deadline passes. A subgraph that is down,
 * too slow or restarting yields UNAVAILABLE errors on the fields it owns, naming the part, and a warning in the
 * log under the request id; the fetch itself never fails the whole request.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<SubgraphCallContext> {
  constructor(
    private readonly subgraph: SubgraphName,
    url: string | undefined,
    fetcher: typeof fetch,
    private readonly log: Logger,
  ) {
    super({ url, fetcher: fetcher as never });
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<SubgraphCallContext>['willSendRequest']>>[0]) {
    // Signed with the rest by the fetcher: a subgraph records this id in the audit trail and the journal.
    if (context?.requestId) request.http?.headers.set(HEADER.requestId, context.requestId);
    // Identity travels only inside the signed request; nothing a client sends is forwarded.
    request.http?.headers.set(HEADER.identity, encodeIdentity(context?.identity ?? ANONYMOUS));
    if (context?.deadline) request.http?.headers.set(HEADER.timeLeft, context.deadline.header(DEADLINE_MARGIN_MS));
    if (context?.cacheSlot) request.http?.headers.set(CHANGE_GENERATION_HEADER, String(context.cacheSlot.generation));
  }

  override async process(options: ProcessOptions): Promise<ProcessResult> {
    try {
      return await super.process(options);
    } catch (err) {
      const reason = outageReason(err);
      const context = options.context as Partial<SubgraphCallContext> | undefined;
      this.log.warn(
        { requestId: context?.requestId, clientRequestId: context?.clientRequestId, subgraph: this.subgraph, reason: reason ?? 'ERROR', err: err instanceof Error ? err.message : String(err) },
        'subgraph fetch failed',
      );
      if (!reason) throw err;
      // Parsed only for a fetch that failed (the planner's node is not always passed on): no cache to grow.
      const document = ('document' in options ? options.document : undefined) ?? parse(options.request.query ?? '');
      const representations = (options.request.variables as { representations?: unknown[] } | undefined)?.representations?.length;
      const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      // A subgraph's write is one transaction that commits only within its deadline (shorter than ours): when we
      // stop waiting, it has not written.
      const written = operation?.kind === Kind.OPERATION_DEFINITION && operation.operation === 'mutation' ? { written: false } : {};
      const error = unavailable(this.subgraph, reason, written).toJSON();
      return { errors: errorsForFailedFetch(document, representations, error) } as ProcessResult;
    }
  }
}
