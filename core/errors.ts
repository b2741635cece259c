import { GraphQLError } from 'graphql';

/** The `extensions.code` values a client can rely on. Never rename one: frontends switch on them. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAUTHORIZED_FIELD_OR_TYPE: 'UNAUTHORIZED_FIELD_OR_TYPE',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /**
   * A part of the hub (a subgraph, the database) did not answer in time or could not be reached: the rest of the
   * answer stands, a retry is safe. `extensions.service` names the part, `extensions.reason` why, and a write says
   * `extensions.written: false`.
   */
  UNAVAILABLE: 'UNAVAILABLE',
  /** HTTP only: the request body is larger than the gateway accepts (413). */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** HTTP only: the path exists, the method does not (405, with `Allow`). */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  /** HTTP only: none of the media types the client accepts (Accept) can be served (406); `extensions.available` lists them. */
  NOT_ACCEPTABLE: 'NOT_ACCEPTABLE',
  /** HTTP 429: too many requests from one address or identity; `Retry-After` says when to try again. */
  RATE_LIMITED: 'RATE_LIMITED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function userError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badInput = (message: string, extensions: Record<string, unknown> = {}) =>
  userError(ErrorCode.BAD_USER_INPUT, message, extensions);

export const notFound = (message: string, extensions: Record<string, unknown> = {}) =>
  userError(ErrorCode.NOT_FOUND, message, extensions);

/** The parts of the hub an UNAVAILABLE error can name, in the terms of what they answer (never a host name). */
export const SERVICE_LABEL = {
  partners: 'dienst voor organisaties, functies en overeenkomsten',
  legal: 'dienst voor rechtsgronden',
  territory: 'dienst voor gebieden (gemeenten, zones, arrondissementen)',
  instruments: 'dienst voor samenwerkingsinstrumenten en de SERV-synthese',
  database: 'databank',
} as const;
export type ServicePart = keyof typeof SERVICE_LABEL;

/** Why a part is unavailable. */
export type UnavailableReason = 'TIMEOUT' | 'UNREACHABLE' | 'OVERLOADED';

const REASON_TEXT: Record<UnavailableReason, string> = {
  TIMEOUT: 'antwoordde niet binnen de termijn van de vraag',
  UNREACHABLE: 'was niet bereikbaar',
  OVERLOADED: 'is overbelast',
};

export function unavailable(service: ServicePart, reason: UnavailableReason, extensions: Record<string, unknown> = {}): GraphQLError {
  const after =
    extensions.written === 'UNKNOWN'
      ? ' Of de wijziging geschreven werd, is onbekend: lees het gegeven opnieuw voor u het nog eens probeert.'
      : `${extensions.written === false ? ' Er werd niets geschreven.' : ''} De rest van het antwoord blijft geldig; opnieuw proberen is veilig.`;
  return userError(
    ErrorCode.UNAVAILABLE,
    `De ${SERVICE_LABEL[service]} van de Ketenkaart ${REASON_TEXT[reason]}.${after}`,
    { service, reason, retryable: true, ...extensions },
  );
}
