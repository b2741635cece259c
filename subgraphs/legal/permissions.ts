import { PUBLIC, type Permissions } from '../../core/auth/permissions';
import { SHARED_PERMISSIONS, connectionPermissions } from '../_shared/auth/shared-permissions';

/**
 * Who may read each field of the legal subgraph (docs/security.md). Every field is listed: a field without a
 * rule fails the schema build. Generated once from the schema, then reviewed field by field.
 */
export const legalPermissions: Permissions = {
  ...SHARED_PERMISSIONS,
  ...connectionPermissions('LegalBasis'),
  LegalBasisOnDate: {
    id: PUBLIC,
    on: PUBLIC,
    basis: PUBLIC,
    inForce: PUBLIC,
  },
  LegalBasis: {
    id: PUBLIC,
    lastConfirmed: PUBLIC,
    kind: PUBLIC,
    level: PUBLIC,
    title: PUBLIC,
    shortTitle: PUBLIC,
    date: PUBLIC,
    publicationDate: PUBLIC,
    dateAsGiven: PUBLIC,
    publicationDateAsGiven: PUBLIC,
    validFrom: PUBLIC,
    validity: PUBLIC,
    validTo: PUBLIC,
    eli: PUBLIC,
    url: PUBLIC,
    articles: PUBLIC,
    unconfirmed: PUBLIC,
    note: PUBLIC,
    sources: PUBLIC,
    inForce: PUBLIC,
    relations: PUBLIC,
    relatedFrom: PUBLIC,
  },
  Article: {
    number: PUBLIC,
    subject: PUBLIC,
    sources: PUBLIC,
  },
  LegalRelation: {
    type: PUBLIC,
    note: PUBLIC,
    from: PUBLIC,
    to: PUBLIC,
  },
  Query: {
    legalBases: PUBLIC,
    legalBasis: PUBLIC,
  },
};
