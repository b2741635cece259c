import { PartialActDates1764000029000 } from './migrations/1764000029000-partial-act-dates';
import { buildFederatedSchema } from '../_shared/federated-schema';
import type { SubgraphDefinition } from '../_shared/subgraph';
import { legalPermissions } from './permissions';
import { LegalBasis } from './entities/legal-basis';
import { LegalRelation } from './entities/legal-relation';
import { type LegalLoaders, createLegalLoaders } from './loaders';
import { InitialLegal1764000000000 } from './migrations/1764000000000-initial-legal';
import { LegalBasisListResolver } from './list';
import { LegalBasisOnDate, LegalBasisOnDateResolver, legalBasisOnDateReferenceResolver } from './on-date';
import { LegalBasisResolver, LegalRelationResolver, legalReferenceResolvers } from './resolvers';
import { PartialDates1764000013000 } from './migrations/1764000013000-partial-dates';
import { validityResolver } from '../_shared/validity-types';
import { nonceTableMigration } from '../_shared/auth/nonce-store';

export const legal: SubgraphDefinition<LegalLoaders> = {
  name: 'legal',
  schema: 'legal',
  entities: [LegalBasis, LegalRelation],
  migrations: [InitialLegal1764000000000, nonceTableMigration('legal'), PartialDates1764000013000, PartialActDates1764000029000],
  buildSchema: () =>
    buildFederatedSchema({
      build: { resolvers: [LegalBasisResolver, LegalRelationResolver, LegalBasisOnDateResolver, LegalBasisListResolver, validityResolver(LegalBasis)], orphanedTypes: [LegalBasisOnDate] },
      referenceResolvers: { ...legalReferenceResolvers, ...legalBasisOnDateReferenceResolver },
      permissions: legalPermissions,
    }),
  createLoaders: createLegalLoaders,
};
