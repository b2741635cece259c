import { type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { type UnavailableReason, unavailable } from '../../core/errors';
import { isTimeout, isUnreachable } from '../../core/deadline';

/**
 * PostgreSQL errors that say the database is away or too slow, not that a query is wrong: an outage. SQLSTATE
 * classes 08 (connection), 57P0x (shutting down, cannot connect now), 57014 (statement_timeout), 55P03
 * (lock_timeout); node-postgres' own client-side timeouts and lost connections.
 */
const TIMEOUT_STATES = new Set(['57014', '55P03']);
const AWAY_STATES = /^(08|57P0)/;
const CLIENT_TIMEOUTS = /Query read timeout|timeout exceeded when trying to connect|Connection terminated due to connection timeout/i;
const CLIENT_LOST = /Connection terminated|Client has encountered a connection error|connection is closed|terminating connection/i;

export function databaseOutage(err: unknown): UnavailableReason | null {
  const e = err as { code?: unknown; message?: unknown; driverError?: unknown } | undefined;
  if (!e) return null;
  if (e.driverError && e.driverError !== err) return databaseOutage(e.driverError);
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (TIMEOUT_STATES.has(code) || CLIENT_TIMEOUTS.test(message) || isTimeout(err)) return 'TIMEOUT';
  if (AWAY_STATES.test(code) || CLIENT_LOST.test(message) || isUnreachable(err)) return 'UNREACHABLE';
  return null;
}

/** A resolver error caused by a database outage, as the client sees it: UNAVAILABLE at the same path. */
export function databaseOutageError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  const reason = databaseOutage(unwrapResolverError(error));
  if (!reason) return null;
  return { ...unavailable('database', reason).toJSON(), path: formatted.path, locations: formatted.locations };
}
