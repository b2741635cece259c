import { buildFederatedSchema } from '../_shared/federated-schema';
import type { SubgraphDefinition } from '../_shared/subgraph';
import { Municipality } from './entities/municipality';
import { Organisation, OrganisationMunicipality } from './entities/organisation';
import { type PartnersLoaders, createPartnersLoaders } from './loaders';
import { InitialPartners1764000000000 } from './migrations/1764000000000-initial-partners';
import { SitesPostsAgreements1764000001000 } from './migrations/1764000001000-sites-posts-agreements';
import { MunicipalityOrganisationsResolver, OrganisationResolver, partnersReferenceResolvers } from './resolvers';

export const partners: SubgraphDefinition<PartnersLoaders> = {
  name: 'partners',
  schema: 'partners',
  entities: [Organisation, OrganisationMunicipality],
  migrations: [InitialPartners1764000000000, SitesPostsAgreements1764000001000],
  buildSchema: () =>
    buildFederatedSchema(
      { resolvers: [OrganisationResolver, MunicipalityOrganisationsResolver], orphanedTypes: [Municipality] },
      partnersReferenceResolvers,
    ),
  createLoaders: createPartnersLoaders,
};
