import { type DatasetDescription, datasetDescription } from './dataset-version';
import type { ExportData } from './gather';
import { type Value, cooperationNetwork } from './network';

export { cooperationNetwork } from './network';

/**
 * The cooperation network (network.ts) as GraphML: opens in Gephi, yEd, Cytoscape, networkx and igraph. The
 * dataset description is graph-level data; nodes and edges carry every attribute as a declared <key>.
 */

const NODE_TYPES = 'organisation, organisationKind, post, agreement, instrument, case, servCell, legalBasis, territory';
const RELATIONS = 'partyTo, partnerIn, hasKind, subOrganisationOf, succeededBy, postIn, serves, covers, basedOn, protocolOf, isAgreement, inCase, classifiedIn, instrumentRelation, legalRelation';

export const GRAPHML_NS = 'http://graphml.graphdrawing.org/xmlns';

interface KeyDef {
  id: string;
  for: 'graph' | 'node' | 'edge';
  name: string;
  type: 'string' | 'boolean' | 'int';
}

/** Graph-level data: the dataset description (networkx puts it in G.graph, igraph in graph attributes). */
export const GRAPH_KEYS: KeyDef[] = [
  { id: 'datasetTitle', for: 'graph', name: 'datasetTitle', type: 'string' },
  { id: 'datasetVersion', for: 'graph', name: 'datasetVersion', type: 'string' },
  { id: 'contentHash', for: 'graph', name: 'contentHash', type: 'string' },
  { id: 'dataDate', for: 'graph', name: 'dataDate', type: 'string' },
  { id: 'exportedOn', for: 'graph', name: 'exportedOn', type: 'string' },
  { id: 'hubVersion', for: 'graph', name: 'hubVersion', type: 'string' },
  { id: 'sourceDocuments', for: 'graph', name: 'sourceDocuments', type: 'string' },
  { id: 'licence', for: 'graph', name: 'licence', type: 'string' },
  { id: 'licenceReason', for: 'graph', name: 'licenceReason', type: 'string' },
  { id: 'licenceNote', for: 'graph', name: 'licenceNote', type: 'string' },
  { id: 'citation', for: 'graph', name: 'citation', type: 'string' },
];

export function graphData(d: DatasetDescription): Data {
  return {
    datasetTitle: d.title,
    datasetVersion: d.version,
    contentHash: d.contentHash,
    dataDate: d.dataDate,
    exportedOn: d.exportedOn,
    hubVersion: d.hubVersion,
    sourceDocuments: d.documents.map((doc) => `${doc.file}: ${doc.title}`).join(' | '),
    licence: d.licence.status === 'KNOWN' ? 'known' : 'unknown',
    licenceReason: d.licence.reasonCode,
    licenceNote: d.licence.note,
    citation: d.citation,
  };
}

export const NODE_KEYS: KeyDef[] = [
  { id: 'label', for: 'node', name: 'label', type: 'string' },
  { id: 'type', for: 'node', name: 'type', type: 'string' },
  { id: 'uri', for: 'node', name: 'uri', type: 'string' },
  { id: 'kind', for: 'node', name: 'kind', type: 'string' },
  { id: 'level', for: 'node', name: 'level', type: 'string' },
  { id: 'scale', for: 'node', name: 'scale', type: 'string' },
  { id: 'scope', for: 'node', name: 'scope', type: 'string' },
  { id: 'phenomena', for: 'node', name: 'phenomena', type: 'string' },
  { id: 'validFrom', for: 'node', name: 'validFrom', type: 'string' },
  { id: 'validFromPrecision', for: 'node', name: 'validFromPrecision', type: 'string' },
  { id: 'validTo', for: 'node', name: 'validTo', type: 'string' },
  { id: 'validToPrecision', for: 'node', name: 'validToPrecision', type: 'string' },
  { id: 'planned', for: 'node', name: 'planned', type: 'boolean' },
  { id: 'url', for: 'node', name: 'url', type: 'string' },
  { id: 'otherPartners', for: 'node', name: 'otherPartners', type: 'boolean' },
  { id: 'sourceCount', for: 'node', name: 'sourceCount', type: 'int' },
  { id: 'sources', for: 'node', name: 'sources', type: 'string' },
];

// Edge keys get ids of their own (GraphML key ids are one namespace for nodes and edges); attr.name is the name tools show.
export const EDGE_KEYS: KeyDef[] = [
  { id: 'relation', for: 'edge', name: 'relation', type: 'string' },
  { id: 'relationType', for: 'edge', name: 'relationType', type: 'string' },
  { id: 'role', for: 'edge', name: 'role', type: 'string' },
  { id: 'case', for: 'edge', name: 'case', type: 'string' },
  { id: 'edgePlanned', for: 'edge', name: 'planned', type: 'boolean' },
  { id: 'edgeValidFrom', for: 'edge', name: 'validFrom', type: 'string' },
  { id: 'edgeValidFromPrecision', for: 'edge', name: 'validFromPrecision', type: 'string' },
  { id: 'edgeValidTo', for: 'edge', name: 'validTo', type: 'string' },
  { id: 'edgeValidToPrecision', for: 'edge', name: 'validToPrecision', type: 'string' },
  { id: 'datesOf', for: 'edge', name: 'datesOf', type: 'string' },
  { id: 'edgeSourceCount', for: 'edge', name: 'sourceCount', type: 'int' },
  { id: 'edgeSources', for: 'edge', name: 'sources', type: 'string' },
  { id: 'sourcesOf', for: 'edge', name: 'sourcesOf', type: 'string' },
];

const EDGE_KEY_ID = new Map(EDGE_KEYS.map((k) => [k.name, k.id]));

export function xmlEscape(text: string): string {
  // Characters XML 1.0 does not allow at all are dropped; the rest is escaped.
  return text
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

type Data = Record<string, Value>;

function dataElements(values: Data, indent: string): string {
  return Object.entries(values)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([key, v]) => `${indent}<data key="${xmlEscape(key)}">${xmlEscape(String(v))}</data>\n`)
    .join('');
}

export function toGraphml(data: ExportData): string {
  const network = cooperationNetwork(data);
  const edgeData = (d: Data) => Object.fromEntries(Object.entries(d).map(([k, v]) => [EDGE_KEY_ID.get(k) ?? k, v]));
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += `<graphml xmlns="${GRAPHML_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n`;
  out += `  <desc>${xmlEscape(`Ketenkaart: samenwerkingsnetwerk (export ${data.exportedOn}). Knopen: ${NODE_TYPES}; verbindingen: ${RELATIONS}. Zie docs/architecture.md, "Exports".`)}</desc>\n`;
  for (const k of [...GRAPH_KEYS, ...NODE_KEYS, ...EDGE_KEYS]) {
    out += `  <key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>\n`;
  }
  out += '  <graph id="ketenkaart" edgedefault="directed">\n';
  out += dataElements(graphData(datasetDescription(data)), '    ');
  for (const n of network.nodes) out += `    <node id="${xmlEscape(n.id)}">\n${dataElements(n.data, '      ')}    </node>\n`;
  network.edges.forEach((e) => {
    out += `    <edge id="${e.id}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">\n${dataElements(edgeData(e.data), '      ')}    </edge>\n`;
  });
  out += '  </graph>\n</graphml>\n';
  return out;
}
