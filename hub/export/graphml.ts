import type { ExportData, ExportSource, TerritoryRef } from './gather';
import { formatSources, territoryKey } from './gather';
import { type DatasetDescription, datasetDescription } from './dataset-version';

/**
 * The cooperation network as GraphML (opens in Gephi, yEd, Cytoscape, networkx, igraph).
 * Nodes: organisations, agreements, instruments, legal bases, territories. Directed edges:
 * partyTo (organisation → agreement/instrument), basedOn (agreement/instrument → legal basis),
 * covers (agreement/instrument/organisation → territory). Every node and edge keeps its sources.
 */

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
  { id: 'kind', for: 'node', name: 'kind', type: 'string' },
  { id: 'level', for: 'node', name: 'level', type: 'string' },
  { id: 'scale', for: 'node', name: 'scale', type: 'string' },
  { id: 'phenomena', for: 'node', name: 'phenomena', type: 'string' },
  { id: 'validFrom', for: 'node', name: 'validFrom', type: 'string' },
  { id: 'validTo', for: 'node', name: 'validTo', type: 'string' },
  { id: 'inForce', for: 'node', name: 'inForce', type: 'string' },
  { id: 'url', for: 'node', name: 'url', type: 'string' },
  { id: 'sourceCount', for: 'node', name: 'sourceCount', type: 'int' },
  { id: 'sources', for: 'node', name: 'sources', type: 'string' },
];

export const EDGE_KEYS: KeyDef[] = [
  { id: 'relation', for: 'edge', name: 'relation', type: 'string' },
  { id: 'role', for: 'edge', name: 'role', type: 'string' },
  { id: 'edgeSources', for: 'edge', name: 'sources', type: 'string' },
];

export function xmlEscape(text: string): string {
  // Characters XML 1.0 does not allow at all are dropped; the rest is escaped.
  return text
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

type Data = Record<string, string | number | boolean | null | undefined>;

interface GraphNode {
  id: string;
  data: Data;
}
interface GraphEdge {
  source: string;
  target: string;
  data: Data;
}

export interface CooperationNetwork {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const nodeId = {
  organisation: (id: string) => `organisation:${id}`,
  agreement: (id: string) => `agreement:${id}`,
  instrument: (id: string) => `instrument:${id}`,
  legalBasis: (id: string) => `legal-basis:${id}`,
  territory: (t: TerritoryRef) => `territory:${territoryKey(t)}`,
};

const srcData = (sources: ExportSource[]) => ({ sourceCount: sources.length, sources: formatSources(sources) });

export function cooperationNetwork(data: ExportData): CooperationNetwork {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const edgeKeys = new Set<string>();
  const addEdge = (source: string, target: string, relation: string, extra: Data = {}) => {
    if (!nodes.has(source) || !nodes.has(target)) return;
    const key = `${source}\u0000${target}\u0000${relation}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push({ source, target, data: { relation, ...extra } });
  };

  for (const o of data.organisations) {
    nodes.set(nodeId.organisation(o.id), {
      id: nodeId.organisation(o.id),
      data: { label: o.name, type: 'organisation', kind: o.kind, level: o.level, validFrom: o.validFrom, validTo: o.validTo, ...srcData(o.sources) },
    });
  }
  for (const a of data.agreements) {
    nodes.set(nodeId.agreement(a.id), {
      id: nodeId.agreement(a.id),
      data: {
        label: a.title, type: 'agreement', kind: a.kind, phenomena: a.phenomena.join('; '), validFrom: a.validFrom, validTo: a.validTo,
        inForce: a.inForce === null ? 'unknown' : String(a.inForce), ...srcData(a.sources),
      },
    });
  }
  for (const i of data.instruments) {
    nodes.set(nodeId.instrument(i.id), {
      id: nodeId.instrument(i.id),
      data: { label: i.name, type: 'instrument', kind: i.kind, phenomena: i.phenomena.join('; '), validFrom: i.validFrom, validTo: i.validTo, ...srcData(i.sources) },
    });
  }
  for (const l of data.legalBases) {
    nodes.set(nodeId.legalBasis(l.id), {
      id: nodeId.legalBasis(l.id),
      data: {
        label: l.shortTitle ?? l.title, type: 'legalBasis', kind: l.kind, level: l.level, validFrom: l.validFrom, validTo: l.validTo,
        inForce: l.inForce === null ? 'unknown' : String(l.inForce), url: l.eli ?? l.url, ...srcData(l.sources),
      },
    });
  }
  for (const t of data.territories.values()) {
    nodes.set(nodeId.territory(t), { id: nodeId.territory(t), data: { label: t.name, type: 'territory', scale: t.scale, ...srcData(t.sources) } });
  }

  for (const o of data.organisations) {
    for (const a of o.partyTo) addEdge(nodeId.organisation(o.id), nodeId.agreement(a.id), 'partyTo');
    for (const t of o.serves) addEdge(nodeId.organisation(o.id), nodeId.territory(t), 'covers');
  }
  for (const a of data.agreements) {
    for (const p of a.parties) {
      if (p.organisation) addEdge(nodeId.organisation(p.organisation.id), nodeId.agreement(a.id), 'partyTo', { role: p.role, edgeSources: formatSources(p.sources) });
    }
    for (const l of a.legalBases) addEdge(nodeId.agreement(a.id), nodeId.legalBasis(l.id), 'basedOn');
    for (const t of a.territory) addEdge(nodeId.agreement(a.id), nodeId.territory(t), 'covers');
  }
  for (const i of data.instruments) {
    for (const p of i.partners) addEdge(nodeId.organisation(p.id), nodeId.instrument(i.id), 'partyTo');
    for (const l of i.legalBases) addEdge(nodeId.instrument(i.id), nodeId.legalBasis(l.id), 'basedOn');
    for (const t of i.territory) addEdge(nodeId.instrument(i.id), nodeId.territory(t), 'covers');
  }
  return { nodes: [...nodes.values()], edges };
}

function dataElements(values: Data, indent: string): string {
  return Object.entries(values)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([key, v]) => `${indent}<data key="${xmlEscape(key)}">${xmlEscape(String(v))}</data>\n`)
    .join('');
}

export function toGraphml(data: ExportData): string {
  const network = cooperationNetwork(data);
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += `<graphml xmlns="${GRAPHML_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n`;
  out += `  <desc>${xmlEscape(`Ketenkaart: samenwerkingsnetwerk (export ${data.exportedOn}). Nodes: organisations, agreements, instruments, legal bases, territories; edges: partyTo, basedOn, covers.`)}</desc>\n`;
  for (const k of [...GRAPH_KEYS, ...NODE_KEYS, ...EDGE_KEYS]) {
    out += `  <key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>\n`;
  }
  out += '  <graph id="ketenkaart" edgedefault="directed">\n';
  out += dataElements(graphData(datasetDescription(data)), '    ');
  for (const n of network.nodes) out += `    <node id="${xmlEscape(n.id)}">\n${dataElements(n.data, '      ')}    </node>\n`;
  network.edges.forEach((e, i) => {
    out += `    <edge id="e${i}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">\n${dataElements(e.data, '      ')}    </edge>\n`;
  });
  out += '  </graph>\n</graphml>\n';
  return out;
}
