import type { GraphQLScalarType, GraphQLSchema } from 'graphql';
import { DateScalar, DateTimeScalar } from '../core/dates';

/**
 * The supergraph declares custom scalars by name only, so the gateway would pass "2025-02-30" on to a
 * subgraph and report its refusal as a server error. Giving the gateway's schema the same scalar
 * implementations as the subgraphs makes bad input fail validation at the gateway, with a clear message.
 */
const IMPLEMENTATIONS = [DateScalar, DateTimeScalar];

export function adoptScalarImplementations(schema: GraphQLSchema): void {
  for (const implementation of IMPLEMENTATIONS) {
    // Duck-typed rather than isScalarType(): the gateway's schema may come from another copy of graphql-js.
    const type = schema.getType(implementation.name) as GraphQLScalarType | undefined;
    if (!type || type.astNode?.kind !== 'ScalarTypeDefinition') continue;
    type.serialize = implementation.serialize.bind(implementation);
    type.parseValue = implementation.parseValue.bind(implementation);
    type.parseLiteral = implementation.parseLiteral.bind(implementation);
  }
}
