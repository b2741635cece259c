import { registerEnumType } from 'type-graphql';

/** Enums used by more than one subgraph: defined once so that every subgraph composes the same values. */

export enum GovernmentLevel {
  FEDERAL = 'FEDERAL',
  FLEMISH = 'FLEMISH',
  INTERFEDERAL = 'INTERFEDERAL',
  LOCAL = 'LOCAL',
  PRIVATE = 'PRIVATE',
}
registerEnumType(GovernmentLevel, { name: 'GovernmentLevel', description: 'The level of government (or private) an actor or act belongs to.' });

export enum OrganisationKind {
  VEILIG_HUIS = 'VEILIG_HUIS',
  FAMILY_JUSTICE_CENTER = 'FAMILY_JUSTICE_CENTER',
  ARIEC = 'ARIEC',
  PARKET = 'PARKET',
  POLITIEZONE = 'POLITIEZONE',
  FEDERALE_POLITIE = 'FEDERALE_POLITIE',
  JUSTITIEHUIS = 'JUSTITIEHUIS',
  CAW = 'CAW',
  CGG = 'CGG',
  OPGROEIEN = 'OPGROEIEN',
  VERTROUWENSCENTRUM_KINDERMISHANDELING = 'VERTROUWENSCENTRUM_KINDERMISHANDELING',
  KIND_EN_GEZIN = 'KIND_EN_GEZIN',
  CLB = 'CLB',
  GEVANGENIS = 'GEVANGENIS',
  VLAAMSE_OVERHEID = 'VLAAMSE_OVERHEID',
  FEDERALE_OVERHEID = 'FEDERALE_OVERHEID',
  LOKAAL_BESTUUR = 'LOKAAL_BESTUUR',
  OCMW = 'OCMW',
  NETWERK = 'NETWERK',
  OVERLEGORGAAN = 'OVERLEGORGAAN',
  OTHER = 'OTHER',
}
registerEnumType(OrganisationKind, { name: 'OrganisationKind', description: 'The kind of organisation (used to name partners generically, e.g. "a CAW").' });

export enum TerritorialScale {
  MUNICIPALITY = 'MUNICIPALITY',
  POLICE_ZONE = 'POLICE_ZONE',
  EERSTELIJNSZONE = 'EERSTELIJNSZONE',
  ADMINISTRATIVE_ARRONDISSEMENT = 'ADMINISTRATIVE_ARRONDISSEMENT',
  JUDICIAL_ARRONDISSEMENT = 'JUDICIAL_ARRONDISSEMENT',
  JUDICIAL_DIVISION = 'JUDICIAL_DIVISION',
  PROVINCE = 'PROVINCE',
  SERVICE_REGION = 'SERVICE_REGION',
  FLANDERS = 'FLANDERS',
  BRUSSELS = 'BRUSSELS',
  BELGIUM = 'BELGIUM',
}
registerEnumType(TerritorialScale, { name: 'TerritorialScale', description: 'The territorial scale an actor or instrument works on.' });
