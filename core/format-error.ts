import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors';

const CLIENT_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

function httpStatusOf(error: unknown): unknown {
  const extensions = (error as { extensions?: { http?: { status?: unknown } } } | undefined)?.extensions;
  return extensions?.http?.status;
}

const isClientStatus = (status: unknown) => typeof status === 'number' && status >= 400 && status < 500;

/** The only message a client gets for a fault of the hub; the details are in the log, under the request id. */
export const INTERNAL_ERROR_MESSAGE = 'Interne fout: het probleem werd gelogd. Probeer het opnieuw of neem contact op met het Ketenkaart-team.';

/**
 * What reaches a client: messages of errors a user can cause, untouched; anything else (a database error, a
 * bug) becomes a generic message, so that no SQL, table name or stack ever leaves the server. The original
 * error is logged by the request logger.
 */
export function formatError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  let code = String(formatted.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
  // Some of Apollo Server's own refusals of a request (a persisted query whose hash does not match it, an unknown
  // persisted query version) carry an HTTP 4xx but no code: they are the client's mistake, not a fault of the hub.
  if (code === ErrorCode.INTERNAL_SERVER_ERROR && isClientStatus(httpStatusOf(error))) code = 'BAD_REQUEST';
  if (CLIENT_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    // `serviceName` is @apollo/gateway's internal name of the subgraph that answered: not for clients (an
    // UNAVAILABLE error names the part in `service`, in the API's own terms).
    const { stacktrace: _ignored, serviceName: _internal, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: { ...extensions, code } };
  }
  return {
    message: INTERNAL_ERROR_MESSAGE,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
