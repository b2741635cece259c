import type { ExportData } from './gather';
import { cooperationNetwork } from './network';
import type { Field, Table } from './tables';

/**
 * The cooperation network as a node list and an edge list that open without conversion in Gephi (spreadsheet
 * import: Id, Label; Source, Target, Type) and in R (igraph::graph_from_data_frame(edges, vertices = nodes): the
 * first column of each is the node id).
 */

const NODE_FIELDS: Array<[string, Field['type']]> = [
  ['Id', 'string'], ['Label', 'string'], ['type', 'string'], ['uri', 'string'], ['kind', 'string'], ['level', 'string'], ['scale', 'string'],
  ['scope', 'string'], ['phenomena', 'string'], ['validFrom', 'string'], ['validFromPrecision', 'string'], ['validTo', 'string'],
  ['validToPrecision', 'string'], ['planned', 'boolean'], ['url', 'string'], ['otherPartners', 'boolean'], ['sourceCount', 'integer'], ['sources', 'string'],
];
const EDGE_FIELDS: Array<[string, Field['type']]> = [
  ['Source', 'string'], ['Target', 'string'], ['Type', 'string'], ['Id', 'string'], ['Label', 'string'], ['relation', 'string'],
  ['relationType', 'string'], ['role', 'string'], ['case', 'string'], ['planned', 'boolean'], ['validFrom', 'string'],
  ['validFromPrecision', 'string'], ['validTo', 'string'], ['validToPrecision', 'string'], ['datesOf', 'string'],
  ['sourceCount', 'integer'], ['sources', 'string'], ['sourcesOf', 'string'],
];

export function networkTables(data: ExportData): Table[] {
  const network = cooperationNetwork(data);
  return [
    {
      name: 'nodes.csv', title: 'Netwerk: knopen',
      fields: NODE_FIELDS.map(([name, type]) => ({ name, type, ...(name === 'Id' ? { constraints: { required: true, unique: true } } : {}) })),
      primaryKey: ['Id'],
      rows: network.nodes.map((n) => NODE_FIELDS.map(([name]) => (name === 'Id' ? n.id : name === 'Label' ? n.data.label : n.data[name]))),
    },
    {
      name: 'edges.csv', title: 'Netwerk: verbindingen (gericht)',
      fields: EDGE_FIELDS.map(([name, type]) => ({ name, type, ...(name === 'Type' ? { constraints: { enum: ['Directed'] } } : {}) })),
      primaryKey: ['Id'],
      foreignKeys: [
        { fields: ['Source'], reference: { resource: 'nodes', fields: ['Id'] } },
        { fields: ['Target'], reference: { resource: 'nodes', fields: ['Id'] } },
      ],
      rows: network.edges.map((e) =>
        EDGE_FIELDS.map(([name]) =>
          name === 'Source' ? e.source : name === 'Target' ? e.target : name === 'Type' ? 'Directed' : name === 'Id' ? e.id : name === 'Label' ? e.data.relation : e.data[name],
        ),
      ),
    },
  ];
}
