import type { ExportData, ExportSource, TerritoryRef } from './gather';
import { territoryKey } from './gather';

/**
 * JSON-LD with public vocabularies:
 * - W3C ORG (org:) and Popolo's mappings for organisations and posts: org:Organization, org:Post, org:postIn,
 *   org:subOrganizationOf, org:identifier, skos:prefLabel, opengov:contactDetail, schema:validFrom/validThrough;
 * - agreements and networked instruments as org:OrganizationalCollaboration with org:hasMember (partyTo);
 * - ELI (eli:) for legal bases: eli:LegalResource, eli:title, eli:first_date_entry_in_force, eli:amends, …;
 *   "based on" is eli:based_on;
 * - dcterms:source for every fact's sources, dcterms:spatial for the territory something covers.
 * Terms with no public equivalent (a record's kind, phenomena, forum, a source's locator and quote) are in the
 * hub's own namespace `urn:ketenkaart:def:`; records are identified as `urn:ketenkaart:<type>:<id>`.
 */

export const ID_BASE = 'urn:ketenkaart:';

export const JSONLD_CONTEXT = {
  org: 'http://www.w3.org/ns/org#',
  eli: 'http://data.europa.eu/eli/ontology#',
  dcterms: 'http://purl.org/dc/terms/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  schema: 'http://schema.org/',
  opengov: 'http://www.w3.org/ns/opengov#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  kk: 'urn:ketenkaart:def:',
  // Typed and IRI-valued properties, so the values come out as dates and links rather than plain strings.
  'schema:validFrom': { '@type': 'xsd:date' },
  'schema:validThrough': { '@type': 'xsd:date' },
  'eli:date_document': { '@type': 'xsd:date' },
  'eli:date_publication': { '@type': 'xsd:date' },
  'eli:first_date_entry_in_force': { '@type': 'xsd:date' },
  'eli:date_no_longer_in_force': { '@type': 'xsd:date' },
  'kk:lastConfirmed': { '@type': 'xsd:date' },
  'kk:consulted': { '@type': 'xsd:date' },
  'kk:exportedOn': { '@type': 'xsd:date' },
  'kk:inForceOnExportDate': { '@type': 'xsd:boolean' },
  'org:postIn': { '@type': '@id' },
  'org:subOrganizationOf': { '@type': '@id' },
  'org:memberOf': { '@type': '@id' },
  'org:hasMember': { '@type': '@id' },
  'org:role': { '@type': '@id' },
  'org:classification': { '@type': '@id' },
  'eli:based_on': { '@type': '@id' },
  'eli:amends': { '@type': '@id' },
  'eli:changes': { '@type': '@id' },
  'eli:type_document': { '@type': '@id' },
  'dcterms:spatial': { '@type': '@id' },
  'dcterms:isPartOf': { '@type': '@id' },
  'owl:sameAs': { '@type': '@id' },
  'rdfs:seeAlso': { '@type': '@id' },
  'kk:case': { '@type': '@id' },
  'kk:partnerKind': { '@type': '@id' },
} as const;

const iri = (type: string, id: string) => `${ID_BASE}${type}:${encodeURIComponent(id)}`;
const kindIri = (scheme: string, value: string) => `${ID_BASE}${scheme}:${value}`;
const territoryIri = (t: TerritoryRef) => `${ID_BASE}territory:${encodeURIComponent(territoryKey(t))}`;

type Node = Record<string, unknown>;

/** Drops null, undefined and empty arrays, so the graph has no empty statements. */
function clean(node: Node): Node {
  return Object.fromEntries(Object.entries(node).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

function source(s: ExportSource): Node {
  return clean({
    '@type': 'dcterms:BibliographicResource',
    'dcterms:title': s.title,
    'dcterms:identifier': s.document ?? s.dataset,
    'kk:locator': s.locator,
    'kk:quote': s.quote,
    'rdfs:seeAlso': s.url ?? undefined,
    'kk:consulted': s.seen,
  });
}
const sources = (list: ExportSource[]) => list.map(source);

/** The whole export as one JSON-LD document (`@context` inline: nothing is fetched to read it). */
export function toJsonLd(data: ExportData): Record<string, unknown> {
  const graph: Node[] = [];
  const instrumentCollaborations = new Set(['STRUCTURE', 'NETWORK', 'FORUM', 'PLATFORM', 'PROJECT']);

  graph.push(clean({
    '@id': `${ID_BASE}export:${data.exportedOn}`,
    '@type': 'dcterms:Dataset',
    'dcterms:title': 'Ketenkaart: samenwerking in veiligheid en zorg in Vlaanderen (export)',
    'kk:exportedOn': data.exportedOn,
    'dcterms:description': 'Every fact carries its sources (dcterms:source). Posts are those current on the export date.',
  }));

  for (const o of data.organisations) {
    graph.push(clean({
      '@id': iri('organisation', o.id),
      '@type': 'org:Organization',
      'dcterms:identifier': o.id,
      'skos:prefLabel': o.name,
      'org:classification': kindIri('organisation-kind', o.kind),
      'kk:level': o.level,
      'org:identifier': [o.kbo && `KBO ${o.kbo}`, o.ovo && `OVO ${o.ovo}`].filter(Boolean),
      'org:subOrganizationOf': o.parent ? iri('organisation', o.parent.id) : undefined,
      'org:memberOf': o.partyTo.map((a) => iri('agreement', a.id)),
      'dcterms:spatial': o.serves.map(territoryIri),
      'opengov:contactDetail': o.contactPoints.map((c) => clean({
        '@type': 'opengov:ContactDetail',
        'opengov:contactType': c.kind.toLowerCase(),
        'rdf:value': c.value,
        'kk:lastConfirmed': c.lastConfirmed,
        'dcterms:source': sources(c.sources),
      })),
      'schema:validFrom': o.validFrom,
      'schema:validThrough': o.validTo,
      'kk:unconfirmed': o.unconfirmed,
      'kk:lastConfirmed': o.lastConfirmed,
      'skos:note': o.note,
      'dcterms:source': sources(o.sources),
    }));
  }

  for (const p of data.posts) {
    graph.push(clean({
      '@id': iri('post', p.id),
      '@type': 'org:Post',
      'dcterms:identifier': p.id,
      'skos:prefLabel': p.title,
      'org:postIn': iri('organisation', p.organisationId),
      'org:role': kindIri('post-function', p.function),
      'kk:phenomenon': p.phenomena,
      'schema:validFrom': p.validFrom,
      'schema:validThrough': p.validTo,
      'kk:unconfirmed': p.unconfirmed,
      'kk:lastConfirmed': p.lastConfirmed,
      'skos:note': p.note,
      'dcterms:source': sources(p.sources),
    }));
  }

  for (const a of data.agreements) {
    graph.push(clean({
      '@id': iri('agreement', a.id),
      '@type': ['org:OrganizationalCollaboration', 'kk:Agreement'],
      'dcterms:identifier': a.id,
      'dcterms:title': a.title,
      'kk:kind': a.kind,
      'dcterms:isPartOf': a.parent ? iri('agreement', a.parent.id) : undefined,
      'org:hasMember': a.parties.filter((p) => p.organisation).map((p) => iri('organisation', p.organisation!.id)),
      'kk:partnerKind': a.parties.filter((p) => !p.organisation && p.partyKind).map((p) => kindIri('organisation-kind', p.partyKind!)),
      'kk:phenomenon': a.phenomena,
      'kk:forum': a.forum,
      'kk:condition': a.conditions,
      'eli:based_on': a.legalBases.map((l) => iri('legal-basis', l.id)),
      'dcterms:spatial': a.territory.map(territoryIri),
      'schema:validFrom': a.validFrom,
      'schema:validThrough': a.validTo,
      'kk:inForceOnExportDate': a.inForce ?? undefined,
      'kk:unconfirmed': a.unconfirmed,
      'skos:note': a.note,
      'dcterms:source': sources(a.sources),
    }));
  }

  for (const i of data.instruments) {
    graph.push(clean({
      '@id': iri('instrument', i.id),
      '@type': instrumentCollaborations.has(i.kind) ? ['kk:Instrument', 'org:OrganizationalCollaboration'] : 'kk:Instrument',
      'dcterms:identifier': i.id,
      'dcterms:title': i.name,
      'dcterms:description': i.description,
      'kk:kind': i.kind,
      'kk:case': i.case ? iri('case', i.case.id) : undefined,
      'org:hasMember': i.partners.map((p) => iri('organisation', p.id)),
      'kk:partnerKind': i.partnerKinds.map((k) => kindIri('organisation-kind', k)),
      'kk:phenomenon': i.phenomena,
      'kk:servCell': i.classifications.map((c) => `${c.principle}/${c.dimension}`),
      'eli:based_on': i.legalBases.map((l) => iri('legal-basis', l.id)),
      'dcterms:spatial': i.territory.map(territoryIri),
      'schema:validFrom': i.validFrom,
      'schema:validThrough': i.validTo,
      'kk:unconfirmed': i.unconfirmed,
      'skos:note': i.note,
      'dcterms:source': sources(i.sources),
    }));
  }

  const relation: Record<string, string> = { AMENDS: 'eli:amends', INSERTS: 'eli:amends', IMPLEMENTS: 'eli:based_on', REPLACES: 'eli:changes' };
  for (const l of data.legalBases) {
    const related: Record<string, string[]> = {};
    for (const r of l.relations) (related[relation[r.type] ?? 'eli:changes'] ??= []).push(iri('legal-basis', r.to.id));
    graph.push(clean({
      '@id': iri('legal-basis', l.id),
      '@type': 'eli:LegalResource',
      'eli:id_local': l.id,
      'eli:title': l.title,
      'eli:title_short': l.shortTitle,
      'eli:type_document': kindIri('legal-basis-kind', l.kind),
      'kk:level': l.level,
      'eli:date_document': l.date,
      'eli:date_publication': l.publicationDate,
      'eli:first_date_entry_in_force': l.validFrom,
      'eli:date_no_longer_in_force': l.validTo,
      'owl:sameAs': l.eli ?? undefined,
      'rdfs:seeAlso': l.url ?? undefined,
      'kk:inForceOnExportDate': l.inForce ?? undefined,
      'kk:replaces': l.relations.filter((r) => r.type === 'REPLACES').map((r) => ({ '@id': iri('legal-basis', r.to.id) })),
      ...related,
      'kk:unconfirmed': l.unconfirmed,
      'skos:note': l.note,
      'dcterms:source': sources(l.sources),
    }));
  }

  for (const t of data.territories.values()) {
    graph.push(clean({
      '@id': territoryIri(t),
      '@type': 'dcterms:Location',
      'skos:prefLabel': t.name,
      'kk:scale': t.scale,
      'skos:notation': t.ref,
      'dcterms:source': sources(t.sources),
    }));
  }

  for (const m of data.municipalities) {
    graph.push(clean({
      '@id': `${ID_BASE}territory:${encodeURIComponent(`MUNICIPALITY:${m.nis}`)}`,
      '@type': 'dcterms:Location',
      'skos:prefLabel': m.name,
      'skos:notation': m.nis,
      'kk:scale': 'MUNICIPALITY',
      'dcterms:isPartOf': [
        `POLICE_ZONE:${m.policeZone.id}`,
        `EERSTELIJNSZONE:${m.eerstelijnszone.id}`,
        `ADMINISTRATIVE_ARRONDISSEMENT:${m.arrondissement.id}`,
        m.province && `PROVINCE:${m.province.id}`,
        m.judicialArrondissement && `JUDICIAL_ARRONDISSEMENT:${m.judicialArrondissement.id}`,
        m.judicialDivision && `JUDICIAL_DIVISION:${m.judicialDivision.id}`,
        ...m.serviceRegions.map((r) => `SERVICE_REGION:${r.id}`),
      ].filter((k): k is string => Boolean(k)).map((k) => `${ID_BASE}territory:${encodeURIComponent(k)}`),
      'dcterms:source': sources(m.sources),
    }));
  }

  // Territories a record names and municipalities are the same nodes: merge the two descriptions of one @id.
  const merged = new Map<string, Node>();
  for (const node of graph) {
    const id = node['@id'] as string;
    const seen = merged.get(id);
    if (!seen) merged.set(id, node);
    else for (const [k, v] of Object.entries(node)) if (!(k in seen)) seen[k] = v;
  }
  return { '@context': JSONLD_CONTEXT, '@graph': [...merged.values()] };
}
