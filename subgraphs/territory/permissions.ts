import { PUBLIC, type Permissions, allFields } from '../../core/auth/permissions';
import { SHARED_PERMISSIONS, connectionPermissions } from '../_shared/auth/shared-permissions';

/**
 * Who may read each field of the territory subgraph (docs/security.md). Every field is listed: a field without a
 * rule fails the schema build. Generated once from the schema, then reviewed field by field.
 */
export const territoryPermissions: Permissions = {
  ...SHARED_PERMISSIONS,
  ...connectionPermissions('Municipality'),
  // Service-to-service (@inaccessible, not in the public API): public territory facts, asked when an editor writes a territory.
  TerritoryArea: allFields(PUBLIC, ['id', 'municipalities']),
  ScaleMismatch: {
    municipality: PUBLIC,
    mismatches: PUBLIC,
  },
  Query: {
    scaleMismatches: PUBLIC,
    municipality: PUBLIC,
    municipalities: PUBLIC,
    whichProtocolApplies: PUBLIC,
    whoIsWho: PUBLIC,
  },
  Municipality: {
    nis: PUBLIC,
    name: PUBLIC,
    region: PUBLIC,
    validFrom: PUBLIC,
    sources: PUBLIC,
    province: PUBLIC,
    arrondissement: PUBLIC,
    policeZone: PUBLIC,
    eerstelijnszone: PUBLIC,
    judicialArrondissement: PUBLIC,
    judicialDivision: PUBLIC,
    unsettledAreas: PUBLIC,
    postcodes: PUBLIC,
    serviceRegions: PUBLIC,
  },
  Province: {
    id: PUBLIC,
    name: PUBLIC,
    sources: PUBLIC,
    nis: PUBLIC,
  },
  AdministrativeArrondissement: {
    id: PUBLIC,
    name: PUBLIC,
    sources: PUBLIC,
    nis: PUBLIC,
  },
  PoliceZone: {
    id: PUBLIC,
    name: PUBLIC,
    sources: PUBLIC,
    zoneNumber: PUBLIC,
  },
  Eerstelijnszone: {
    id: PUBLIC,
    name: PUBLIC,
    sources: PUBLIC,
  },
  JudicialArrondissement: {
    id: PUBLIC,
    name: PUBLIC,
    sources: PUBLIC,
    note: PUBLIC,
  },
  JudicialDivision: {
    id: PUBLIC,
    name: PUBLIC,
    sources: PUBLIC,
    seat: PUBLIC,
    note: PUBLIC,
    arrondissement: PUBLIC,
  },
  UnsettledArea: {
    kind: PUBLIC,
    note: PUBLIC,
    reason: PUBLIC,
    candidates: PUBLIC,
    sources: PUBLIC,
  },
  Postcode: {
    postcode: PUBLIC,
    locality: PUBLIC,
    sources: PUBLIC,
  },
  ServiceRegion: {
    id: PUBLIC,
    kind: PUBLIC,
    name: PUBLIC,
    validFrom: PUBLIC,
    validity: PUBLIC,
    validTo: PUBLIC,
    definedAs: PUBLIC,
    unconfirmed: PUBLIC,
    note: PUBLIC,
    sources: PUBLIC,
  },
  ProtocolQuestion: {
    id: PUBLIC,
    phenomenon: PUBLIC,
    partners: PUBLIC,
    on: PUBLIC,
    municipality: PUBLIC,
  },
  WhoIsWhoResult: {
    query: PUBLIC,
    on: PUBLIC,
    matchedBy: PUBLIC,
    ambiguous: PUBLIC,
    cards: PUBLIC,
  },
  WhoIsWho: {
    nis: PUBLIC,
    on: PUBLIC,
    municipality: PUBLIC,
    policeZone: PUBLIC,
    eerstelijnszone: PUBLIC,
    administrativeArrondissement: PUBLIC,
    province: PUBLIC,
    judicialArrondissement: PUBLIC,
    judicialDivision: PUBLIC,
    veiligHuisRegion: PUBLIC,
    ariecArea: PUBLIC,
    unsettledAreas: PUBLIC,
  },
};
