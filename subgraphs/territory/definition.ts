import type { SubgraphDefinition } from '../_shared/subgraph';
import { territoryPermissions } from './permissions';
import { buildFederatedSchema } from '../_shared/federated-schema';
import { Municipality } from './entities/municipality';
import {
  AdministrativeArrondissement,
  Eerstelijnszone,
  JudicialArrondissement,
  JudicialDivision,
  PoliceZone,
  Province,
} from './entities/named-area';
import { FormerMunicipality, Postcode } from './entities/postcode';
import { ServiceRegion, ServiceRegionMember, UnsettledArea } from './entities/service-region';
import { type TerritoryLoaders, createTerritoryLoaders } from './loaders';
import { InitialTerritory1764000000000 } from './migrations/1764000000000-initial-territory';
import { NotesAndUnknowns1764000002000 } from './migrations/1764000002000-notes-and-unknowns';
import { NameSearch1764000003000 } from './migrations/1764000003000-name-search';
import { JudicialDivisionResolver, UnsettledAreaResolver, MunicipalityResolver, territoryReferenceResolvers } from './resolvers';
import { ScaleCongruenceResolver } from './congruence';
import { MunicipalityListResolver } from './list';
import { ProtocolQuestionResolver, protocolQuestionReferenceResolver } from './protocol-question';
import { WhoIsWhoResolver, whoIsWhoReferenceResolver } from './who-is-who';
import { TerritoryArea, territoryAreaReferenceResolver } from './territory-area';
import { PartialDates1764000013000 } from './migrations/1764000013000-partial-dates';
import { validityResolver } from '../_shared/validity-types';
import { nonceTableMigration } from '../_shared/auth/nonce-store';

export const territory: SubgraphDefinition<TerritoryLoaders> = {
  name: 'territory',
  schema: 'territory',
  entities: [
    Municipality, Province, AdministrativeArrondissement, PoliceZone, Eerstelijnszone,
    JudicialArrondissement, JudicialDivision, Postcode, FormerMunicipality, ServiceRegion, ServiceRegionMember, UnsettledArea,
  ],
  migrations: [InitialTerritory1764000000000, NotesAndUnknowns1764000002000, NameSearch1764000003000, nonceTableMigration('territory'), PartialDates1764000013000],
  buildSchema: () =>
    buildFederatedSchema({
      build: {
        resolvers: [MunicipalityResolver, JudicialDivisionResolver, UnsettledAreaResolver, WhoIsWhoResolver, ProtocolQuestionResolver, MunicipalityListResolver, ScaleCongruenceResolver, validityResolver(ServiceRegion)],
        // Asked for only through `_entities`, by subgraphs checking what editors write.
        orphanedTypes: [TerritoryArea],
      },
      referenceResolvers: { ...territoryReferenceResolvers, ...whoIsWhoReferenceResolver, ...protocolQuestionReferenceResolver, ...territoryAreaReferenceResolver },
      permissions: territoryPermissions,
    }),
  createLoaders: createTerritoryLoaders,
};
