import { Kind, type FieldNode, type OperationDefinitionNode, parse, print } from 'graphql';
import type { RecordType } from '../../core/record-uri';
import { EXPORT_QUERIES, type ExportData } from '../../hub/export/gather';
import { type AskGraphQL, allPages } from '../../hub/export/all-pages';
import { LINKED_FIELDS, emptyLinkedData } from '../../hub/export/linked-data/gather-linked';
import { parseTerritoryId } from '../../hub/export/linked-data/vocabulary';

/**
 * The data of one record, asked through the gateway's own public schema (anonymous: the field rules apply), with
 * the very fields the export asks of every record of its kind: the selections are taken from the export's queries,
 * so the record and the export are one mapping of one set of fields.
 */

/** The selection the export asks of each record in `query` (the field holding `nodes`, or the root list). */
function selectionOf(query: string): string {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  let field = operation.selectionSet.selections[0] as FieldNode;
  const nodes = field.selectionSet?.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === 'nodes');
  if (nodes) field = nodes;
  return field.selectionSet!.selections.map((s) => print(s)).join('\n');
}

const FIELDS = {
  organisation: `${selectionOf(EXPORT_QUERIES.ORGANISATIONS)}\n${LINKED_FIELDS.organisation}`,
  instrument: `${selectionOf(EXPORT_QUERIES.INSTRUMENTS)}\n${LINKED_FIELDS.instrument}`,
  legalBasis: selectionOf(EXPORT_QUERIES.LEGAL_BASES),
  municipality: selectionOf(EXPORT_QUERIES.MUNICIPALITIES),
  agreement: selectionOf(EXPORT_QUERIES.AGREEMENTS),
};

export const RECORD_QUERIES = {
  organisatie: `query LinkedDataOrganisation($id: ID!) { record: organisation(id: $id) { ${FIELDS.organisation} } }`,
  instrument: `query LinkedDataInstrument($id: ID!) { record: instrument(id: $id) { ${FIELDS.instrument} } }`,
  rechtsgrond: `query LinkedDataLegalBasis($id: ID!) { record: legalBasis(id: $id) { ${FIELDS.legalBasis} } }`,
  gemeente: `query LinkedDataMunicipality($id: ID!) { record: municipality(nis: $id) { ${FIELDS.municipality} } }`,
  overeenkomst: `query LinkedDataAgreement($id: ID!) { record: agreement(id: $id) { ${FIELDS.agreement} } }`,
  // Concepts whose list comes from the records: the cases, and the party roles as the agreements word them.
  concepten: `query LinkedDataConcepts { ${LINKED_FIELDS.cases} agreements { parties { role } } }`,
};

function emptyData(base: string): ExportData {
  return {
    kindPosts: [],
    cases: [],
    servCells: [],
    publicBaseUrl: base,
    exportedOn: new Date().toISOString().slice(0, 10),
    endpoint: 'gateway',
    organisations: [],
    posts: [],
    instruments: [],
    legalBases: [],
    municipalities: [],
    agreements: [],
    scaleMismatches: [],
    territories: new Map(),
    linked: emptyLinkedData(),
  };
}

/** The record types the route describes; the others are named in the data but described within their record. */
export const DEREFERENCEABLE: ReadonlySet<RecordType> = new Set(['organisatie', 'instrument', 'rechtsgrond', 'overeenkomst', 'territorium', 'concept', 'conceptschema']);

/** The export data holding just this record (and what its description needs), or undefined where the hub has no such record. */
export async function recordData(ask: AskGraphQL, base: string, type: RecordType, id: string): Promise<ExportData | undefined> {
  const data = emptyData(base);
  const one = async <T>(query: string, variables: Record<string, unknown>) => (await ask<{ record: T | null }>(query, variables)).record;
  switch (type) {
    case 'organisatie': {
      const o = await one<ExportData['organisations'][number] & ExportData['linked']['organisations'][number]>(RECORD_QUERIES.organisatie, { id });
      if (!o) return undefined;
      data.organisations.push(o);
      data.posts.push(...o.posts.map((p) => ({ ...p, organisationId: o.id, organisationKind: null })));
      data.linked.organisations.push(o);
      break;
    }
    case 'instrument': {
      const i = await one<ExportData['instruments'][number] & ExportData['linked']['instruments'][number]>(RECORD_QUERIES.instrument, { id });
      if (!i) return undefined;
      data.instruments.push(i);
      data.linked.instruments.push(i);
      break;
    }
    case 'rechtsgrond': {
      const l = await one<ExportData['legalBases'][number]>(RECORD_QUERIES.rechtsgrond, { id });
      if (!l) return undefined;
      data.legalBases.push(l);
      break;
    }
    case 'overeenkomst': {
      const a = await one<ExportData['agreements'][number]>(RECORD_QUERIES.overeenkomst, { id });
      if (!a) return undefined;
      data.agreements.push(a);
      break;
    }
    case 'territorium': {
      const territory = parseTerritoryId(id);
      if (!territory) return undefined;
      if (territory.scale === 'MUNICIPALITY') {
        const m = await one<ExportData['municipalities'][number]>(RECORD_QUERIES.gemeente, { id: territory.ref });
        if (!m) return undefined;
        data.municipalities.push(m);
      } else if (territory.ref) {
        // An area is described by the municipalities that lie in it (its name and sources): ask for them all.
        data.municipalities.push(...(await allPages<ExportData['municipalities'][number]>(ask, EXPORT_QUERIES.MUNICIPALITIES)));
      }
      break;
    }
    case 'concept':
    case 'conceptschema': {
      const answer = await ask<{ cases: ExportData['linked']['cases']; agreements: Array<{ parties: Array<{ role: string | null }> }> }>(RECORD_QUERIES.concepten, {});
      data.linked.cases = answer.cases;
      data.linked.partyRoles = answer.agreements.flatMap((a) => a.parties.map((p) => p.role));
      break;
    }
    default:
      return undefined;
  }
  return data;
}

const OWNERS_QUERY = `query LinkedDataOwners { organisations(first: 500) { nodes { id posts { id } sites { id } } } }`;

/**
 * The record whose document describes a part: a contact point, figure or succession names its record in its id
 * (`<organisation>.<…>`, `<instrument>.<…>`, `<from>.<to>`); a post or a site is looked up among the
 * organisations' own. Undefined where the hub has no such part (or, for a post of every organisation of a kind,
 * no record of its own).
 */
export async function ownerOf(ask: AskGraphQL, type: RecordType, id: string): Promise<{ type: RecordType; id: string } | undefined> {
  const prefix = id.split('.')[0];
  switch (type) {
    case 'contactpunt':
    case 'opvolging':
      return id.includes('.') && (await ask<{ record: { id: string } | null }>('query LinkedDataOwner($id: ID!) { record: organisation(id: $id) { id } }', { id: prefix })).record
        ? { type: 'organisatie', id: prefix }
        : undefined;
    case 'cijfer':
      return id.includes('.') && (await ask<{ record: { id: string } | null }>('query LinkedDataFigureOwner($id: ID!) { record: instrument(id: $id) { id } }', { id: prefix })).record
        ? { type: 'instrument', id: prefix }
        : undefined;
    case 'post':
    case 'vestiging': {
      const { organisations } = await ask<{ organisations: { nodes: Array<{ id: string; posts: Array<{ id: string }>; sites: Array<{ id: string }> }> } }>(OWNERS_QUERY, {});
      const owner = organisations.nodes.find((o) => (type === 'post' ? o.posts : o.sites).some((part) => part.id === id));
      return owner && { type: 'organisatie', id: owner.id };
    }
    default:
      return undefined;
  }
}
