import { ADMIN_ONLY, type FieldRule, PUBLIC, type Permissions, allFields } from '../../../core/auth/permissions';

/** Rules for the value types every subgraph defines alike (they must compose identically). */
export const SHARED_PERMISSIONS: Permissions = {
  Source: allFields(PUBLIC, ['document', 'dataset', 'locator', 'quote', 'url', 'title', 'seen']),
  TerritoryRef: allFields(PUBLIC, ['scale', 'ref']),
  PageInfo: allFields(PUBLIC, ['hasNextPage', 'endCursor']),
  Validity: allFields(PUBLIC, ['from', 'to', 'inForceOn']),
  PartialDate: allFields(PUBLIC, ['edtf', 'precision', 'planned', 'earliest', 'latest', 'label']),
  InForce: allFields(PUBLIC, ['on', 'state', 'reason', 'explanation']),
};

/** Rules for a connection type and its edge type, as `Connection(node, name)` creates them. */
export function connectionPermissions(name: string): Permissions {
  return {
    [`${name}Connection`]: allFields(PUBLIC, ['edges', 'nodes', 'pageInfo', 'totalCount', 'undeterminedCount']),
    [`${name}Edge`]: allFields(PUBLIC, ['cursor', 'node']),
  };
}

/** Writes: editors (checked on the data: their own organisation's records) and admins. */
export const EDITORS: FieldRule = { roles: ['EDITOR', 'ADMIN'] };

/** Rules for the journal's types (history, change feed, freshness), alike in every subgraph that accepts writes. */
export const JOURNAL_PERMISSIONS: Permissions = {
  RecordVersion: allFields(PUBLIC, ['version', 'action', 'recordedAt', 'state']),
  Change: allFields(PUBLIC, ['type', 'id', 'version', 'action', 'at', 'organisationIds', 'cursor']),
  AuditEntry: allFields(ADMIN_ONLY, ['seq', 'at', 'subject', 'role', 'organisation', 'action', 'target', 'requestId', 'details', 'service']),
  // Reachable only through admin-only queries (staleRecords and its service-to-service part).
  StaleRecord: allFields(PUBLIC, ['type', 'id', 'label', 'organisationIds', 'lastConfirmed']),
};

/** The fields every editable record adds (see EditableRecordResolver), with one rule for all of them. */
export function editableFields(rule: FieldRule): Record<string, FieldRule> {
  return allFields(rule, ['version', 'lastConfirmed', 'history', 'stateAt']);
}
