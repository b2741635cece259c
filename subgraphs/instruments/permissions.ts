import { ADMIN_ONLY, PUBLIC, type Permissions, allFields } from '../../core/auth/permissions';
import { EDITORS, JOURNAL_PERMISSIONS, SHARED_PERMISSIONS, connectionPermissions, editableFields } from '../_shared/auth/shared-permissions';

/**
 * Who may read each field of the instruments subgraph (docs/security.md). Every field is listed: a field without a
 * rule fails the schema build. Generated once from the schema, then reviewed field by field.
 */
export const instrumentsPermissions: Permissions = {
  ...SHARED_PERMISSIONS,
  ...JOURNAL_PERMISSIONS,
  ...connectionPermissions('Instrument'),
  Mutation: {
    setInstrumentClassifications: EDITORS,
    confirmInstrument: EDITORS,
  },
  Query: {
    instrumentChanges: PUBLIC,
    staleInstruments: ADMIN_ONLY,
    instrumentsAuditLog: ADMIN_ONLY,
    cooperationInstruments: PUBLIC,
    instrument: PUBLIC,
    cases: PUBLIC,
    servSynthesis: PUBLIC,
  },
  Instrument: {
    partnerIds: PUBLIC,
    scales: PUBLIC,
    id: PUBLIC,
    name: PUBLIC,
    kind: PUBLIC,
    description: PUBLIC,
    partnerKinds: PUBLIC,
    territory: PUBLIC,
    phenomena: PUBLIC,
    validFrom: PUBLIC,
    validity: PUBLIC,
    validTo: PUBLIC,
    unconfirmed: PUBLIC,
    note: PUBLIC,
    sources: PUBLIC,
    case: PUBLIC,
    partners: PUBLIC,
    legalBases: PUBLIC,
    classifications: PUBLIC,
    figures: PUBLIC,
    relations: PUBLIC,
    agreement: PUBLIC,
    ...editableFields(PUBLIC),
  },
  Agreement: {
    id: PUBLIC,
  },
  InstrumentRelation: allFields(PUBLIC, ['type', 'direction', 'instrument', 'planned', 'note', 'sources']),
  Case: {
    id: PUBLIC,
    name: PUBLIC,
    description: PUBLIC,
    sources: PUBLIC,
  },
  Organisation: {
    id: PUBLIC,
    instruments: PUBLIC,
  },
  LegalBasis: {
    id: PUBLIC,
  },
  ServClassification: {
    principle: PUBLIC,
    dimension: PUBLIC,
    sources: PUBLIC,
  },
  InstrumentFigure: {
    name: PUBLIC,
    value: PUBLIC,
    unit: PUBLIC,
    period: PUBLIC,
    periodStart: PUBLIC,
    periodEnd: PUBLIC,
    date: PUBLIC,
    note: PUBLIC,
    sources: PUBLIC,
  },
  CaseSynthesis: {
    case: PUBLIC,
    cells: PUBLIC,
  },
  ServCell: {
    principle: PUBLIC,
    dimension: PUBLIC,
    present: PUBLIC,
    instruments: PUBLIC,
    evidence: PUBLIC,
  },
  ServEvidence: {
    instrument: PUBLIC,
    sources: PUBLIC,
  },
};
