import { type RecordType, recordUri } from '../../core/record-uri';
import type { ExportData, ExportPartialDate, ExportSource, ExportValidity, TerritoryRef } from './gather';
import { formatSources, territoryKey } from './gather';
import LABELS from './labels.json';

/**
 * The cooperation network as typed nodes and directed, typed edges: what GraphML and the nodes.csv/edges.csv pair
 * both write. Every relation the registry holds is an edge, with its dates (EDTF and precision) and sources; a
 * party named only by its kind is an edge from the kind. Territories are the named areas records refer to: a
 * scope such as "Vlaanderen" or "elke gemeente" is an attribute (`scope`) of the node, not a node that every
 * Flemish record would hang on and that would make false paths between unrelated records.
 */

export type NodeType = 'organisation' | 'organisationKind' | 'post' | 'agreement' | 'instrument' | 'case' | 'servCell' | 'legalBasis' | 'territory';

/** Edge relations, source type → target type. docs/architecture.md ("Exports") lists them with their meaning. */
export type Relation =
  | 'partyTo' // organisation | organisationKind → agreement (role)
  | 'partnerIn' // organisation | organisationKind → instrument
  | 'hasKind' // organisation → organisationKind
  | 'subOrganisationOf' // organisation → organisation (parent)
  | 'succeededBy' // organisation → organisation (relationType: RENAMED, MERGED, …)
  | 'postIn' // post → organisation | organisationKind
  | 'serves' // organisation | post → territory
  | 'covers' // agreement | instrument → territory
  | 'basedOn' // agreement | instrument → legalBasis
  | 'protocolOf' // agreement → agreement (the protocol's parent)
  | 'isAgreement' // instrument → agreement (the instrument is that agreement)
  | 'inCase' // instrument → case
  | 'classifiedIn' // instrument → servCell (case)
  | 'instrumentRelation' // instrument → instrument (relationType: PART_OF, SUCCEEDED_BY, IMPLEMENTS, RELATED_TO)
  | 'legalRelation'; // legalBasis → legalBasis (relationType: REPLACES, IMPLEMENTS, AMENDS, INSERTS)

export type Value = string | number | boolean | null | undefined;

export interface NodeData {
  label: string;
  type: NodeType;
  uri?: Value;
  kind?: Value;
  level?: Value;
  scale?: Value;
  scope?: Value;
  phenomena?: Value;
  validFrom?: Value;
  validFromPrecision?: Value;
  validTo?: Value;
  validToPrecision?: Value;
  planned?: Value;
  url?: Value;
  /** An agreement or instrument whose sources also name "other partners" (kind OTHER): an attribute, not an edge. */
  otherPartners?: Value;
  sourceCount: number;
  sources: string;
  [key: string]: Value;
}

export interface EdgeData {
  relation: Relation;
  relationType?: Value;
  role?: Value;
  case?: Value;
  planned?: Value;
  validFrom?: Value;
  validFromPrecision?: Value;
  validTo?: Value;
  validToPrecision?: Value;
  /** Whose dates the edge carries: the relation's own, or those of the record that holds it (source/target). */
  datesOf?: Value;
  sourceCount: number;
  sources: string;
  /** Whose sources the edge carries: the relation's own, or those of the record that states it (source/target). */
  sourcesOf?: Value;
  [key: string]: Value;
}

export interface GraphNode {
  id: string;
  data: NodeData;
}
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  data: EdgeData;
}

export interface CooperationNetwork {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Node ids: `<type>:<id>`, valid XML NMTOKENs (GraphML ids), stable across exports. */
export const nodeId = {
  organisation: (id: string) => `organisation:${id}`,
  organisationKind: (kind: string) => `kind:${kind}`,
  post: (id: string) => `post:${id}`,
  agreement: (id: string) => `agreement:${id}`,
  instrument: (id: string) => `instrument:${id}`,
  case: (id: string) => `case:${id}`,
  servCell: (principle: string, dimension: string) => `serv-cell:${principle}.${dimension}`,
  legalBasis: (id: string) => `legal-basis:${id}`,
  territory: (t: TerritoryRef) => `territory:${territoryKey(t)}`,
};

const URI_TYPES: Partial<Record<NodeType, RecordType>> = {
  organisation: 'organisatie',
  organisationKind: 'soort-organisatie',
  post: 'post',
  agreement: 'overeenkomst',
  instrument: 'instrument',
  legalBasis: 'rechtsgrond',
  territory: 'territorium',
  case: 'concept',
  servCell: 'concept',
};

/**
 * OTHER is no kind: it names whatever fits none. A node for it would join unrelated organisations and instruments
 * (a false path through "andere partner"); it is an attribute (otherPartners) instead.
 */
const NOT_A_KIND = 'OTHER';

const kindLabel = (kind: string) => (LABELS.organisationKind as Record<string, string>)[kind] ?? kind;
const cellLabel = (principle: string, dimension: string) =>
  `${(LABELS.servPrinciple as Record<string, string>)[principle] ?? principle} – ${(LABELS.servDimension as Record<string, string>)[dimension] ?? dimension}`;

const sourceData = (sources: ExportSource[]) => ({ sourceCount: sources.length, sources: formatSources(sources) });

function dateData(from: ExportPartialDate | null | undefined, to: ExportPartialDate | null | undefined) {
  return {
    validFrom: from?.edtf,
    validFromPrecision: from?.precision,
    validTo: to?.edtf,
    validToPrecision: to?.precision,
    planned: from || to ? Boolean(from?.planned || to?.planned) : undefined,
  };
}
const validityData = (v: ExportValidity | undefined) => dateData(v?.from, v?.to);

/** Named areas become edges; the scales without a named area ("Vlaanderen", "elke gemeente") the node's scope. */
function splitTerritories(refs: TerritoryRef[]): { named: TerritoryRef[]; scope: string | undefined } {
  const named = refs.filter((t) => t.ref);
  const generic = refs.filter((t) => !t.ref).map((t) => t.scale);
  return { named, scope: generic.length ? [...new Set(generic)].join('; ') : undefined };
}

export function cooperationNetwork(data: ExportData): CooperationNetwork {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const edgeKeys = new Set<string>();
  const uri = (type: NodeType, id: string) => (URI_TYPES[type] ? recordUri(data.publicBaseUrl, URI_TYPES[type]!, id) : undefined);
  const addNode = (id: string, recordId: string, node: NodeData) => {
    if (!nodes.has(id)) nodes.set(id, { id, data: { ...node, uri: uri(node.type, recordId) } as NodeData });
  };
  const addEdge = (source: string, target: string, data: EdgeData) => {
    // An edge whose end the registry does not describe would dangle: such a reference is left out, never invented.
    if (!nodes.has(source) || !nodes.has(target)) return;
    const key = `${source}\u0000${target}\u0000${data.relation}\u0000${data.relationType ?? ''}\u0000${data.role ?? ''}\u0000${data.case ?? ''}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push({ id: `e${edges.length}`, source, target, data });
  };
  const kindNode = (kind: string) => {
    if (kind === NOT_A_KIND) return undefined;
    addNode(nodeId.organisationKind(kind), kind, { label: kindLabel(kind), type: 'organisationKind', kind, ...sourceData([]) });
    return nodeId.organisationKind(kind);
  };

  // Nodes.
  for (const t of data.territories.values()) {
    if (!t.ref) continue;
    addNode(nodeId.territory(t), t.key, { label: t.name, type: 'territory', scale: t.scale, ...sourceData(t.sources) });
  }
  for (const o of data.organisations) {
    addNode(nodeId.organisation(o.id), o.id, {
      label: o.name, type: 'organisation', kind: o.kind, level: o.level, scope: splitTerritories(o.serves).scope,
      ...validityData(o.validity), ...sourceData(o.sources),
    });
    kindNode(o.kind);
  }
  for (const p of [...data.posts, ...data.kindPosts]) {
    addNode(nodeId.post(p.id), p.id, {
      label: p.title, type: 'post', kind: p.function, phenomena: p.phenomena.join('; '), scope: splitTerritories(p.serves ?? []).scope,
      ...validityData(p.validity), ...sourceData(p.sources),
    });
    if (p.organisationKind) kindNode(p.organisationKind);
  }
  for (const a of data.agreements) {
    addNode(nodeId.agreement(a.id), a.id, {
      label: a.title, type: 'agreement', kind: a.kind, phenomena: a.phenomena.join('; '), scope: splitTerritories(a.territory).scope,
      otherPartners: a.parties.some((p) => !p.organisation && p.partyKind === NOT_A_KIND) || undefined,
      ...validityData(a.validity), ...sourceData(a.sources),
    });
    for (const p of a.parties) if (p.partyKind && !p.organisation) kindNode(p.partyKind);
  }
  for (const c of data.cases) addNode(nodeId.case(c.id), c.id, { label: c.name, type: 'case', ...sourceData(c.sources) });
  const cells = new Map<string, { principle: string; dimension: string }>();
  for (const c of data.servCells) cells.set(nodeId.servCell(c.principle, c.dimension), c);
  for (const i of data.instruments) for (const c of i.classifications) cells.set(nodeId.servCell(c.principle, c.dimension), c);
  for (const [id, c] of cells) {
    addNode(id, `serv.${c.principle}.${c.dimension}`, { label: cellLabel(c.principle, c.dimension), type: 'servCell', kind: `${c.principle}.${c.dimension}`, ...sourceData([]) });
  }
  for (const i of data.instruments) {
    addNode(nodeId.instrument(i.id), i.id, {
      label: i.name, type: 'instrument', kind: i.kind, phenomena: i.phenomena.join('; '), scope: splitTerritories(i.territory).scope,
      otherPartners: i.partnerKinds.includes(NOT_A_KIND) || undefined,
      ...validityData(i.validity), ...sourceData(i.sources),
    });
    for (const k of i.partnerKinds) kindNode(k);
  }
  for (const l of data.legalBases) {
    addNode(nodeId.legalBasis(l.id), l.id, {
      label: l.shortTitle ?? l.title, type: 'legalBasis', kind: l.kind, level: l.level, url: l.eli ?? l.url,
      ...validityData(l.validity), ...sourceData(l.sources),
    });
  }

  // Edges. A relation stated in a record carries that record's sources and dates, and says so (sourcesOf, datesOf).
  const ofSource = (v: ExportValidity | undefined, sources: ExportSource[]) => ({ ...validityData(v), datesOf: v?.from || v?.to ? 'source' : undefined, ...sourceData(sources), sourcesOf: 'source' });
  const ofTarget = (v: ExportValidity | undefined, sources: ExportSource[]) => ({ ...validityData(v), datesOf: v?.from || v?.to ? 'target' : undefined, ...sourceData(sources), sourcesOf: 'target' });
  const own = (sources: ExportSource[]) => ({ ...sourceData(sources), sourcesOf: 'relation' });

  for (const o of data.organisations) {
    const from = nodeId.organisation(o.id);
    addEdge(from, nodeId.organisationKind(o.kind), { relation: 'hasKind', ...ofSource(undefined, o.sources) });
    if (o.parent) addEdge(from, nodeId.organisation(o.parent.id), { relation: 'subOrganisationOf', ...ofSource(o.validity, o.sources) });
    for (const t of splitTerritories(o.serves).named) addEdge(from, nodeId.territory(t), { relation: 'serves', ...ofSource(o.validity, o.sources) });
    for (const s of o.successors) {
      if (!s.organisation) continue;
      addEdge(from, nodeId.organisation(s.organisation.id), {
        relation: 'succeededBy', relationType: s.type, ...dateData(s.date, null), datesOf: s.date ? 'relation' : undefined, ...own(s.sources),
      });
    }
  }
  for (const p of [...data.posts, ...data.kindPosts]) {
    const from = nodeId.post(p.id);
    const holder = p.organisationId ? nodeId.organisation(p.organisationId) : p.organisationKind ? nodeId.organisationKind(p.organisationKind) : undefined;
    if (holder) addEdge(from, holder, { relation: 'postIn', ...ofSource(p.validity, p.sources) });
    for (const t of splitTerritories(p.serves ?? []).named) addEdge(from, nodeId.territory(t), { relation: 'serves', ...ofSource(p.validity, p.sources) });
  }
  for (const a of data.agreements) {
    const to = nodeId.agreement(a.id);
    for (const p of a.parties) {
      const party = p.organisation ? nodeId.organisation(p.organisation.id) : p.partyKind ? nodeId.organisationKind(p.partyKind) : undefined;
      if (!party) continue;
      addEdge(party, to, {
        relation: 'partyTo', role: p.role, ...validityData(a.validity), datesOf: a.validity.from || a.validity.to ? 'target' : undefined,
        ...(p.sources.length ? own(p.sources) : { ...sourceData(a.sources), sourcesOf: 'target' }),
      });
    }
    if (a.parent) addEdge(to, nodeId.agreement(a.parent.id), { relation: 'protocolOf', ...ofSource(a.validity, a.sources) });
    for (const l of a.legalBases) addEdge(to, nodeId.legalBasis(l.id), { relation: 'basedOn', ...ofSource(a.validity, a.sources) });
    for (const t of splitTerritories(a.territory).named) addEdge(to, nodeId.territory(t), { relation: 'covers', ...ofSource(a.validity, a.sources) });
  }
  for (const i of data.instruments) {
    const self = nodeId.instrument(i.id);
    for (const p of i.partners) addEdge(nodeId.organisation(p.id), self, { relation: 'partnerIn', ...ofTarget(i.validity, i.sources) });
    for (const k of i.partnerKinds) addEdge(nodeId.organisationKind(k), self, { relation: 'partnerIn', ...ofTarget(i.validity, i.sources) });
    for (const l of i.legalBases) addEdge(self, nodeId.legalBasis(l.id), { relation: 'basedOn', ...ofSource(i.validity, i.sources) });
    for (const t of splitTerritories(i.territory).named) addEdge(self, nodeId.territory(t), { relation: 'covers', ...ofSource(i.validity, i.sources) });
    if (i.agreement) addEdge(self, nodeId.agreement(i.agreement.id), { relation: 'isAgreement', ...ofSource(i.validity, i.sources) });
    if (i.case) addEdge(self, nodeId.case(i.case.id), { relation: 'inCase', ...ofSource(undefined, i.sources) });
    for (const c of i.classifications) {
      addEdge(self, nodeId.servCell(c.principle, c.dimension), { relation: 'classifiedIn', case: i.case?.id, ...own(c.sources) });
    }
    // Each relation is listed on both instruments; the outgoing side is the one written ("this PART_OF that").
    for (const r of i.relations) {
      if (r.direction !== 'OUTGOING' || !r.instrument) continue;
      addEdge(self, nodeId.instrument(r.instrument.id), { relation: 'instrumentRelation', relationType: r.type, planned: r.planned, ...own(r.sources) });
    }
  }
  for (const l of data.legalBases) {
    for (const r of l.relations) addEdge(nodeId.legalBasis(l.id), nodeId.legalBasis(r.to.id), { relation: 'legalRelation', relationType: r.type, ...ofSource(undefined, l.sources) });
  }
  return { nodes: [...nodes.values()], edges };
}

/** Connected components (edges taken as undirected) and isolated nodes: what a researcher checks first. */
export function networkShape(network: CooperationNetwork): { components: number; isolated: number; largestComponent: number } {
  const parent = new Map(network.nodes.map((n) => [n.id, n.id]));
  const find = (x: string): string => {
    while (parent.get(x) !== x) {
      parent.set(x, parent.get(parent.get(x)!)!);
      x = parent.get(x)!;
    }
    return x;
  };
  const degree = new Map<string, number>();
  for (const e of network.edges) {
    parent.set(find(e.source), find(e.target));
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const sizes = new Map<string, number>();
  for (const n of network.nodes) sizes.set(find(n.id), (sizes.get(find(n.id)) ?? 0) + 1);
  return {
    components: sizes.size,
    isolated: network.nodes.filter((n) => !degree.get(n.id)).length,
    largestComponent: Math.max(0, ...sizes.values()),
  };
}
