import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { type BuildSchemaOptions, buildSchema, createResolversMap } from 'type-graphql';
import { AUTH_DEFINITIONS, AUTH_SPEC_URL, applyAuthDirectives } from './auth/directive';
import type { Permissions } from '../../core/auth/permissions';
import { type ScopeCheck, shieldSchema } from './auth/shield';

export type ReferenceResolvers = GraphQLResolverMap<unknown>;

/** Federation 2 features every subgraph imports, and the hub's own `@auth`, kept through composition. */
export const FEDERATION_LINK = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible", "@composeDirective"])
  @link(url: "${AUTH_SPEC_URL}", import: ["@auth"])
  @composeDirective(name: "@auth")`;

export interface FederatedSchemaOptions {
  build: Omit<BuildSchemaOptions, 'skipCheck'>;
  referenceResolvers?: ReferenceResolvers;
  /** Every field's rule; a field without one fails the build (default deny). */
  permissions: Permissions;
  /** Checks on the data for roles that some rules admit only in scope. */
  scopeChecks?: Record<string, ScopeCheck>;
}

/**
 * type-graphql builds the executable schema from classes; Federation needs SDL with `@link` and the
 * `_entities`/`_service` fields. type-graphql cannot express schema-level `@link`, so the printed SDL gets it,
 * every field gets its `@auth` rule, and the resolvers (including `__resolveReference`) are carried over.
 * The result is wrapped in graphql-shield rules generated from the same permissions.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options.build, skipCheck: true });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, typeResolvers] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(typeResolvers as object) } as never;
  }
  const sdl = `${FEDERATION_LINK}\n${AUTH_DEFINITIONS}\n${printSchemaWithDirectives(schema)}`;
  const federated = buildSubgraphSchema({ typeDefs: applyAuthDirectives(sdl, options.permissions), resolvers });
  return shieldSchema(federated, options.permissions, options.scopeChecks);
}
