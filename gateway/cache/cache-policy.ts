import {
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  TypeInfo,
  getNamedType,
  getOperationAST,
  isAbstractType,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { FieldRule } from '../../core/auth/permissions';
import hints from './cache-hints.json';

/** What an operation document asks for, as far as caching is concerned; computed once per parsed document. */
export interface DocumentPolicy {
  /** A query (never a mutation or subscription). */
  query: boolean;
  /** Every field it asks, on every type it may land on, is public (its rule admits ANONYMOUS). */
  everyFieldPublic: boolean;
  /**
   * No field it asks is one whose read the subgraph checks on the data and audits (a rule with `scoped` roles:
   * post holders, agreement texts) or one for ADMIN only (the audit trail): serving those from memory would
   * skip the audit entry and the data check.
   */
  storable: boolean;
  /** The smallest cache hint of the fields it asks (cache-hints.json). */
  maxAgeSeconds: number;
}

const fieldHints = hints.fields as Record<string, number>;

/**
 * The policy of a document, by the type each field is asked on (not by field name: `Organisation.id` is public
 * though `PostHolder.id` is not). On an interface or union every possible type counts, since any may be answered.
 */
export function documentPolicy(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, rules: Map<string, FieldRule>): DocumentPolicy {
  const operation = getOperationAST(document, operationName ?? undefined);
  const policy: DocumentPolicy = { query: operation?.operation === 'query', everyFieldPublic: true, storable: true, maxAgeSeconds: hints.defaultMaxAgeSeconds };
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.FIELD](node) {
        const parent = typeInfo.getParentType();
        const field = node.name.value;
        // __typename and introspection belong to GraphQL itself, not to the API's rules.
        if (!parent || field.startsWith('__') || parent.name.startsWith('__')) return;
        const named = getNamedType(parent);
        const types = isAbstractType(named) ? schema.getPossibleTypes(named) : [named];
        for (const type of types) {
          const key = `${type.name}.${field}`;
          const rule = rules.get(key);
          if (!rule || !rule.roles.includes('ANONYMOUS')) policy.everyFieldPublic = false;
          if (!rule || rule.scoped?.length || (rule.roles.length === 1 && rule.roles[0] === 'ADMIN')) policy.storable = false;
          const hint = fieldHints[key];
          if (hint !== undefined) policy.maxAgeSeconds = Math.min(policy.maxAgeSeconds, hint);
        }
      },
    }),
  );
  return policy;
}

/** Remembers the policy per parsed document (Apollo Server reuses parsed documents) and operation name. */
export function documentPolicies(rules: Map<string, FieldRule>) {
  const byDocument = new WeakMap<DocumentNode, Map<string, DocumentPolicy>>();
  return (schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): DocumentPolicy => {
    let perName = byDocument.get(document);
    if (!perName) byDocument.set(document, (perName = new Map()));
    const name = operationName ?? '';
    let policy = perName.get(name);
    if (!policy) perName.set(name, (policy = documentPolicy(schema, document, operationName, rules)));
    return policy;
  };
}

const BRUSSELS_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/**
 * Seconds until the next midnight in Belgium, when `today()` (the default `on` of every answer) changes. The
 * clock's offset now is the offset at that midnight too: Belgium changes it at 02:00/03:00, never before midnight.
 */
export function secondsToBrusselsMidnight(now = new Date()): number {
  const part = Object.fromEntries(BRUSSELS_CLOCK.formatToParts(now).map((p) => [p.type, Number(p.value)]));
  const localAsUtc = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
  const offsetMs = localAsUtc - Math.floor(now.getTime() / 1000) * 1000;
  const midnight = Date.UTC(part.year, part.month - 1, part.day + 1) - offsetMs;
  return Math.max(1, Math.ceil((midnight - now.getTime()) / 1000));
}
