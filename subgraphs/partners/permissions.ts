import { ADMIN_ONLY, type FieldRule, PUBLIC, type Permissions, allFields } from '../../core/auth/permissions';
import { EDITORS, JOURNAL_PERMISSIONS, SHARED_PERMISSIONS, connectionPermissions, editableFields } from '../_shared/auth/shared-permissions';

/**
 * Who may read each field of the partners subgraph (docs/security.md). Every field is listed: a field without a
 * rule fails the schema build. Generated once from the schema, then reviewed field by field.
 */
/**
 * Personal data: admins, and in scope partners holding an agreement in force with the post's organisation (both
 * sides confirmed, personal-data.ts), the local government of the territory and
 * the editors of the post's own organisation (who keep it current).
 */
const PERSONAL: FieldRule = { roles: ['ADMIN'], scoped: ['PARTNER', 'LOCAL_GOVERNMENT', 'EDITOR'] };
/** Fields of a PostHolder: reachable only through Post.holders (checked on the data) and the editors' own writes. */
const PERSONAL_DETAIL: FieldRule = { roles: ['ADMIN', 'PARTNER', 'LOCAL_GOVERNMENT', 'EDITOR'] };
/** Agreement texts: for admins and, in scope, the agreement's parties. */
const PARTIES_ONLY: FieldRule = { roles: ['ADMIN'], scoped: ['PARTNER'] };

export const partnersPermissions: Permissions = {
  ...SHARED_PERMISSIONS,
  ...JOURNAL_PERMISSIONS,
  ...connectionPermissions('AuditEntry'),
  ChangeFeed: allFields(PUBLIC, ['changes', 'hasMore', 'endCursor', 'unavailable']),
  UnavailablePart: allFields(PUBLIC, ['service', 'reason', 'message']),
  // Reachable only through the admin-only staleRecords.
  OrganisationStaleRecords: allFields(PUBLIC, ['organisation', 'records']),
  Mutation: {
    createOrganisation: ADMIN_ONLY,
    ...allFields(EDITORS, [
      'updateOrganisation', 'endOrganisation', 'confirmOrganisation',
      'createPost', 'updatePost', 'endPost', 'confirmPost',
      'appointPostHolder', 'updatePostHolder', 'endPostHolder', 'confirmPostHolder',
      'createAgreement', 'updateAgreement', 'endAgreement', 'confirmAgreement',
      // Checked on the data: the party's own organisation's editors only.
      'confirmAgreementParty', 'declineAgreementParty',
    ]),
  },
  Instrument: allFields(PUBLIC, ['id', 'partnerIds', 'scales', 'scaleCongruence']),
  InstrumentScaleCongruence: allFields(PUBLIC, ['instrumentScales', 'partners', 'congruent', 'mismatches']),
  PartnerScales: allFields(PUBLIC, ['organisation', 'scales']),
  PostHolder: allFields(PERSONAL_DETAIL, ['id', 'personName', 'email', 'phone', 'validFrom', 'validTo', 'fictional', 'sources', 'version', 'lastConfirmed', 'history', 'stateAt']),
  ...connectionPermissions('Organisation'),
  WhoIsWho: {
    nis: PUBLIC,
    on: PUBLIC,
    veiligHuis: PUBLIC,
    ariec: PUBLIC,
    policeService: PUBLIC,
    servingOrganisations: PUBLIC,
    contacts: PUBLIC,
  },
  Reach: allFields(PUBLIC, ['ownKnown', 'channels', 'explanation', 'code']),
  ReachChannel: allFields(PUBLIC, ['kind', 'value', 'own', 'via', 'organisation', 'label', 'sources']),
  ServiceContact: {
    reach: PUBLIC,
    organisation: PUBLIC,
    mainLocations: PUBLIC,
    antennes: PUBLIC,
  },
  Organisation: {
    id: PUBLIC,
    name: PUBLIC,
    kind: PUBLIC,
    level: PUBLIC,
    kbo: PUBLIC,
    ovo: PUBLIC,
    serves: PUBLIC,
    contactPoints: PUBLIC,
    validFrom: PUBLIC,
    validity: PUBLIC,
    validTo: PUBLIC,
    unconfirmed: PUBLIC,
    note: PUBLIC,
    sources: PUBLIC,
    ...editableFields(PUBLIC),
    parent: PUBLIC,
    sites: PUBLIC,
    posts: PUBLIC,
    partyTo: PUBLIC,
    predecessors: PUBLIC,
    successors: PUBLIC,
  },
  Succession: allFields(PUBLIC, ['type', 'organisation', 'date', 'note', 'sources']),
  ContactPoint: {
    kind: PUBLIC,
    value: PUBLIC,
    note: PUBLIC,
    sources: PUBLIC,
    lastConfirmed: PUBLIC,
  },
  Site: {
    id: PUBLIC,
    lastConfirmed: PUBLIC,
    kind: PUBLIC,
    name: PUBLIC,
    validFrom: PUBLIC,
    validity: PUBLIC,
    validTo: PUBLIC,
    unconfirmed: PUBLIC,
    note: PUBLIC,
    sources: PUBLIC,
    organisation: PUBLIC,
    municipality: PUBLIC,
  },
  Municipality: {
    nis: PUBLIC,
    servingOrganisations: PUBLIC,
    veiligHuis: PUBLIC,
    ariec: PUBLIC,
    sites: PUBLIC,
    agreements: PUBLIC,
  },
  Agreement: {
    text: PARTIES_ONLY,
    id: PUBLIC,
    kind: PUBLIC,
    title: PUBLIC,
    territory: PUBLIC,
    phenomena: PUBLIC,
    forum: PUBLIC,
    conditions: PUBLIC,
    validFrom: PUBLIC,
    validity: PUBLIC,
    validTo: PUBLIC,
    unconfirmed: PUBLIC,
    note: PUBLIC,
    sources: PUBLIC,
    parent: PUBLIC,
    protocols: PUBLIC,
    parties: PUBLIC,
    legalBases: PUBLIC,
    inForce: PUBLIC,
    ...editableFields(PUBLIC),
  },
  AgreementParty: {
    partyKind: PUBLIC,
    role: PUBLIC,
    sources: PUBLIC,
    organisation: PUBLIC,
    // Public like the parties themselves: who has (not yet) confirmed is what the other parties need to see.
    confirmation: PUBLIC,
    confirmationByRole: PUBLIC,
    confirmationByOrganisationId: PUBLIC,
    confirmationAt: PUBLIC,
  },
  LegalBasis: {
    id: PUBLIC,
  },
  Post: {
    holders: PERSONAL,
    id: PUBLIC,
    organisationKind: PUBLIC,
    serves: PUBLIC,
    function: PUBLIC,
    title: PUBLIC,
    phenomena: PUBLIC,
    validFrom: PUBLIC,
    validity: PUBLIC,
    validTo: PUBLIC,
    unconfirmed: PUBLIC,
    note: PUBLIC,
    sources: PUBLIC,
    ...editableFields(PUBLIC),
    organisation: PUBLIC,
    municipality: PUBLIC,
  },
  ProtocolQuestion: {
    id: PUBLIC,
    applicable: PUBLIC,
    notApplicable: PUBLIC,
    explanation: PUBLIC,
  },
  ProtocolMatch: {
    agreement: PUBLIC,
    status: PUBLIC,
    inForce: PUBLIC,
    matchedParties: PUBLIC,
    legalBases: PUBLIC,
  },
  LegalBasisOnDate: {
    id: PUBLIC,
    on: PUBLIC,
  },
  NotApplicable: {
    agreement: PUBLIC,
    reasons: PUBLIC,
    explanation: PUBLIC,
  },
  Query: {
    auditLog: ADMIN_ONLY,
    organisation: PUBLIC,
    agreement: PUBLIC,
    agreements: PUBLIC,
    organisations: PUBLIC,
    search: PUBLIC,
    changes: PUBLIC,
    staleRecords: ADMIN_ONLY,
  },
  SearchHit: {
    type: PUBLIC,
    id: PUBLIC,
    label: PUBLIC,
    score: PUBLIC,
    organisation: PUBLIC,
    instrument: PUBLIC,
    legalBasis: PUBLIC,
    municipality: PUBLIC,
  },
};
