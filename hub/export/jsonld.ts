import { recordUri } from '../../core/record-uri';
import { datasetDescription } from './dataset-version';
import type { ExportData, ExportSource, TerritoryRef } from './gather';
import { conceptSchemeNodes } from './linked-data/concepts';
import { type Node, bool, clean, day, nl, ref, shortHash, sources } from './linked-data/nodes';
import { territoryNodes } from './linked-data/territories';
import type { LinkedSuccession } from './linked-data/gather-linked';
import { WHOLE_TERRITORY_SCALES, codeLists, conceptUri, partyRoleCode, servCellCode, territoryUri } from './linked-data/vocabulary';

/**
 * The registry as Linked Data after OSLO Organisatie (the Flemish application profile on W3C ORG): the one mapping
 * from records to RDF, used by the JSON-LD and Turtle exports and by the gateway's dereferencing route.
 *
 * - Records have HTTP URIs `<base>/id/<type>/<id>` (core/record-uri.ts); municipalities are also owl:sameAs the
 *   Flemish base registry's URI; code lists are SKOS concept schemes (linked-data/code-lists.yaml).
 * - Organisations: org:Organization (also dcterms:Agent, and m8g:PublicOrganisation for a government body),
 *   adms:Identifier for KBO and OVO numbers, schema:ContactPoint, org:Site, org:Post with org:role, lineage as
 *   org:ChangeEvent subclasses (organisatie:Fusie, organisatie:Splitsing, organisatie:Vervanging).
 * - Agreements: org:OrganizationalCollaboration; every named party an org:Membership with its role (org:Role);
 *   a party named only by its kind a kk:PartyByKind (ORG's Membership needs an agent).
 * - Legal bases: eli:LegalResource; eli:based_on only between legal resources. What rests on a legal basis
 *   (an agreement, an instrument) says so with kk:legalBasis, a subproperty of dcterms:references.
 * - Every fact carries dcterms:source. Texts people read are @nl. Post holders (personal data) are never read.
 * Terms with no public equivalent are in the hub's own vocabulary, `<base>/def#` (prefix kk).
 */

export const JSONLD_CONTEXT_PREFIXES = {
  org: 'http://www.w3.org/ns/org#',
  adms: 'http://www.w3.org/ns/adms#',
  generiek: 'https://data.vlaanderen.be/ns/generiek#',
  organisatie: 'https://data.vlaanderen.be/ns/organisatie#',
  m8g: 'http://data.europa.eu/m8g/',
  locn: 'http://www.w3.org/ns/locn#',
  schema: 'http://schema.org/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  dcterms: 'http://purl.org/dc/terms/',
  eli: 'http://data.europa.eu/eli/ontology#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

/** The hub's own vocabulary namespace under a base URL. */
export const ownVocabulary = (base: string) => `${base.replace(/\/+$/, '')}/def#`;

export function jsonLdContext(base: string): Record<string, string> {
  return { ...JSONLD_CONTEXT_PREFIXES, kk: ownVocabulary(base) };
}

export interface LinkedDataOptions {
  /** PUBLIC_BASE_URL: the base of every record URI. */
  base: string;
  /** Describe the dataset (its version and sources): for a whole export, not for one record's page. Default true. */
  dataset?: boolean;
}

/** The citable dataset (hub/export/dataset-version.ts): version = content hash, documents, licence, citation. */
function datasetNode(data: ExportData, base: string): Node {
  const d = datasetDescription(data, base);
  return clean({
    '@id': d.uri ?? recordUri(base, 'dataset', d.version),
    '@type': 'dcterms:Dataset',
    'dcterms:title': nl(d.title),
    'dcterms:description': nl(d.description),
    'dcterms:language': d.language,
    'owl:versionInfo': d.version,
    'kk:contentHash': d.contentHash,
    'kk:hubVersion': d.hubVersion,
    'dcterms:issued': day(d.exportedOn),
    'dcterms:modified': day(d.dataDate),
    'dcterms:bibliographicCitation': nl(d.citation),
    'dcterms:source': d.documents.map((doc) => clean({ '@type': 'dcterms:BibliographicResource', 'dcterms:identifier': doc.file, 'dcterms:title': doc.title, 'dcterms:date': day(doc.date) })),
    'kk:referenceDataset': d.datasets,
    'kk:licenceStatus': d.licence.status,
    'kk:unknownReason': d.licence.reasonCode ?? undefined,
    'kk:unknownExplanation': nl(d.licence.note),
    'kk:licencePart': d.licence.parts.map((p) => clean({
      'rdfs:label': nl(p.part),
      'dcterms:license': ref(p.url),
      'kk:licenceName': p.licence,
      'kk:attribution': nl(p.attribution),
      'dcterms:source': p.source,
    })),
  });
}

/** The validity and confirmation statements every registry record has. */
function recordState(r: { validFrom?: string | null; validTo?: string | null; unconfirmed?: string[]; note?: string | null; lastConfirmed?: string | null; sources: ExportSource[] }): Node {
  return {
    'schema:validFrom': day(r.validFrom),
    'schema:validThrough': day(r.validTo),
    'kk:unconfirmed': r.unconfirmed,
    'kk:lastConfirmed': day(r.lastConfirmed),
    'skos:note': nl(r.note),
    'dcterms:source': sources(r.sources),
  };
}

/** Named territories become dcterms:spatial links; "every area of a scale" is said as such (kk:servesEvery), never as a place. */
function spatial(base: string, refs: TerritoryRef[]): Node {
  const named = refs.filter((t) => t.ref || WHOLE_TERRITORY_SCALES.has(t.scale));
  const every = refs.filter((t) => !t.ref && !WHOLE_TERRITORY_SCALES.has(t.scale));
  return {
    'dcterms:spatial': named.map((t) => ref(territoryUri(base, t.scale, t.ref))),
    'kk:servesEvery': every.map((t) => ref(conceptUri(base, 'territoriaal-niveau', t.scale))),
  };
}

const CONTACT_PROPERTY: Record<string, string> = { PHONE: 'schema:telephone', EMAIL: 'schema:email', WEBSITE: 'schema:url' };

/** Succession types that are a change of organisation, with their OSLO class; UNSETTLED is none (the sources do not settle it). */
const CHANGE_EVENT_CLASS: Record<string, string[]> = {
  MERGED: ['org:ChangeEvent', 'organisatie:Fusie'],
  ABSORBED: ['org:ChangeEvent', 'organisatie:Fusie', 'kk:Overname'],
  SPLIT: ['org:ChangeEvent', 'organisatie:Splitsing'],
  RENAMED: ['org:ChangeEvent', 'organisatie:Vervanging', 'kk:Naamswijziging'],
};

const PARTIAL_DATE_TYPE: Record<string, string> = { DAY: 'xsd:date', MONTH: 'xsd:gYearMonth', YEAR: 'xsd:gYear' };

export const successionUri = (base: string, from: string, to: string) => recordUri(base, 'opvolging', `${from}.${to}`);

function successionNode(base: string, from: string, s: LinkedSuccession): Node | undefined {
  if (!s.organisation) return undefined;
  const uri = successionUri(base, from, s.organisation.id);
  const type = CHANGE_EVENT_CLASS[s.type];
  const date = s.date && !s.date.planned && PARTIAL_DATE_TYPE[s.date.precision] ? { '@value': s.date.edtf, '@type': PARTIAL_DATE_TYPE[s.date.precision] } : undefined;
  const common = {
    '@id': uri,
    'dcterms:identifier': `${from}.${s.organisation.id}`,
    'kk:successionType': ref(conceptUri(base, 'opvolgingstype', s.type)),
    'kk:edtf': s.date?.edtf,
    'skos:note': nl(s.note),
    'dcterms:source': sources(s.sources),
  };
  if (!type) {
    // Unknown is not no: the sources suggest one body and do not settle it, so both records stand and no change is claimed.
    return clean({
      ...common,
      '@type': 'kk:UnsettledSuccession',
      'kk:possiblyFormer': ref(recordUri(base, 'organisatie', from)),
      'kk:possiblyLater': ref(recordUri(base, 'organisatie', s.organisation.id)),
      'kk:unknownReason': 'UNSETTLED',
      'kk:unknownExplanation': nl('De bronnen wijzen erop dat dit mogelijk dezelfde organisatie is, zonder dat te beslechten; beide records blijven bestaan.'),
    });
  }
  return clean({
    ...common,
    '@type': type,
    'org:originalOrganization': ref(recordUri(base, 'organisatie', from)),
    'org:resultingOrganization': ref(recordUri(base, 'organisatie', s.organisation.id)),
    'dcterms:date': date,
    'kk:unknownReason': date ? undefined : s.date?.planned ? 'PLANNED' : 'NO_DATE_IN_SOURCES',
    'kk:unknownExplanation': date ? undefined : nl(s.date?.planned ? 'De bronnen geven enkel een geplande datum.' : 'De bronnen geven geen datum voor deze verandering.'),
  });
}

/** The whole export (or the part of it `data` holds) as one JSON-LD document, `@context` inline: nothing is fetched to read it. */
export function toJsonLd(data: ExportData, opts: LinkedDataOptions): { '@context': Record<string, string>; '@graph': Node[] } {
  const { base } = opts;
  const uri = recordUri.bind(null, base);
  const concept = (scheme: string, code: string) => ref(conceptUri(base, scheme, code));
  const graph: Node[] = [];
  const collaborationKinds = new Set(['STRUCTURE', 'NETWORK', 'FORUM', 'PLATFORM', 'PROJECT']);
  const linkedOrg = new Map(data.linked.organisations.map((o) => [o.id, o]));
  const linkedInstrument = new Map(data.linked.instruments.map((i) => [i.id, i]));

  if (opts.dataset !== false) graph.push(datasetNode(data, base));
  graph.push(
    { '@id': 'kk:legalBasis', '@type': 'rdf:Property', 'rdfs:subPropertyOf': ref('http://purl.org/dc/terms/references'), 'rdfs:label': nl('steunt op de rechtsgrond') },
    { '@id': 'kk:Overname', '@type': 'rdfs:Class', 'rdfs:subClassOf': ref('https://data.vlaanderen.be/ns/organisatie#Fusie'), 'rdfs:label': nl('overname') },
    { '@id': 'kk:Naamswijziging', '@type': 'rdfs:Class', 'rdfs:subClassOf': ref('https://data.vlaanderen.be/ns/organisatie#Vervanging'), 'rdfs:label': nl('naamswijziging') },
  );

  for (const o of data.organisations) {
    const extras = linkedOrg.get(o.id);
    const orgUri = uri('organisatie', o.id);
    const identifiers = [
      // The registry's own identifier, structured after OSLO generiek: the namespace is the URI without the id.
      {
        '@id': `${orgUri}#id`,
        '@type': 'adms:Identifier',
        'skos:notation': o.id,
        'adms:schemaAgency': nl('Ketenkaart'),
        'dcterms:type': 'Ketenkaart',
        'generiek:gestructureerdeIdentificator': {
          '@type': 'generiek:GestructureerdeIdentificator',
          'generiek:naamruimte': orgUri.slice(0, orgUri.length - encodeURIComponent(o.id).length),
          'generiek:lokaleIdentificator': o.id,
        },
      },
      o.kbo && { '@id': `${orgUri}#kbo`, '@type': 'adms:Identifier', 'skos:notation': o.kbo, 'adms:schemaAgency': nl('Kruispuntbank van Ondernemingen (KBO)'), 'dcterms:type': 'KBO' },
      o.ovo && { '@id': `${orgUri}#ovo`, '@type': 'adms:Identifier', 'skos:notation': o.ovo, 'adms:schemaAgency': nl('Organisatieregister van de Vlaamse overheid (OVO)'), 'dcterms:type': 'OVO' },
    ].filter(Boolean);
    const sites = (extras?.sites ?? []).map((s) => clean({
      '@id': uri('vestiging', s.id),
      '@type': 'org:Site',
      'dcterms:identifier': s.id,
      'rdfs:label': nl(s.name),
      'kk:siteKind': concept('vestigingssoort', s.kind),
      'dcterms:spatial': s.municipality ? ref(territoryUri(base, 'MUNICIPALITY', s.municipality.nis)) : undefined,
      ...recordState(s),
    }));
    const events = (extras?.successors ?? []).map((s) => successionNode(base, o.id, s)).filter((n): n is Node => Boolean(n));
    graph.push(...events);
    const changed = (extras?.successors ?? []).filter((s) => s.organisation && CHANGE_EVENT_CLASS[s.type]).map((s) => ref(successionUri(base, o.id, s.organisation!.id)));
    const resulted = (extras?.predecessors ?? []).filter((s) => s.organisation && CHANGE_EVENT_CLASS[s.type]).map((s) => ref(successionUri(base, s.organisation!.id, o.id)));
    graph.push(clean({
      '@id': orgUri,
      '@type': ['org:Organization', 'dcterms:Agent', ...(o.level !== 'PRIVATE' ? ['m8g:PublicOrganisation'] : [])],
      'dcterms:identifier': o.id,
      'skos:prefLabel': nl(o.name),
      'org:classification': concept('organisatiesoort', o.kind),
      'kk:governmentLevel': concept('bestuursniveau', o.level),
      'adms:identifier': identifiers,
      'org:subOrganizationOf': o.parent ? ref(uri('organisatie', o.parent.id)) : undefined,
      ...spatial(base, o.serves),
      'schema:contactPoint': o.contactPoints.map((c) => clean({
        '@id': uri('contactpunt', `${o.id}.${c.kind.toLowerCase()}-${shortHash(c.value)}`),
        '@type': 'schema:ContactPoint',
        [CONTACT_PROPERTY[c.kind] ?? 'kk:contactValue']: c.kind === 'ADDRESS' ? undefined : c.value,
        'locn:address': c.kind === 'ADDRESS' ? { '@type': 'locn:Address', 'locn:fullAddress': c.value } : undefined,
        'kk:contactKind': concept('contactsoort', c.kind),
        'kk:lastConfirmed': day(c.lastConfirmed),
        'dcterms:source': sources(c.sources),
      })),
      'org:hasSite': sites,
      'org:hasPrimarySite': (extras?.sites ?? []).filter((s) => s.kind === 'MAIN').map((s) => ref(uri('vestiging', s.id))),
      'org:hasPost': o.posts.map((p) => ref(uri('post', p.id))),
      'org:changedBy': changed,
      'org:resultedFrom': resulted,
      'kk:possiblySameAs': [...(extras?.successors ?? []), ...(extras?.predecessors ?? [])].filter((s) => s.organisation && !CHANGE_EVENT_CLASS[s.type]).map((s) => ref(uri('organisatie', s.organisation!.id))),
      ...recordState(o),
    }));
  }

  for (const p of data.posts) {
    graph.push(clean({
      '@id': uri('post', p.id),
      '@type': 'org:Post',
      'dcterms:identifier': p.id,
      'skos:prefLabel': nl(p.title),
      'org:postIn': ref(uri('organisatie', p.organisationId)),
      'org:role': concept('postfunctie', p.function),
      'kk:phenomenon': p.phenomena.map(nl),
      ...recordState(p),
    }));
  }

  // Posts every organisation of a kind has: in no one organisation, so no org:postIn; the kind says whose.
  for (const p of data.kindPosts ?? []) {
    graph.push(clean({
      '@id': uri('post', p.id),
      '@type': 'org:Post',
      'dcterms:identifier': p.id,
      'skos:prefLabel': nl(p.title),
      'org:role': concept('postfunctie', p.function),
      'kk:inEveryOrganisationOfKind': p.organisationKind ? concept('organisatiesoort', p.organisationKind) : undefined,
      'kk:phenomenon': p.phenomena.map(nl),
      ...recordState(p),
    }));
  }

  for (const a of data.agreements) {
    const agreementUri = uri('overeenkomst', a.id);
    a.parties.forEach((party, n) => {
      const role = partyRoleCode(party.role);
      const common = {
        'org:role': concept('partijrol', role.code),
        'kk:roleAsWorded': party.role ?? undefined,
        'dcterms:source': sources(party.sources),
      };
      graph.push(clean(party.organisation
        ? { '@id': `${agreementUri}#partij-${n + 1}`, '@type': 'org:Membership', 'org:member': ref(uri('organisatie', party.organisation.id)), 'org:organization': ref(agreementUri), ...common }
        : { '@id': `${agreementUri}#partij-${n + 1}`, '@type': 'kk:PartyByKind', 'kk:partyKind': party.partyKind ? concept('organisatiesoort', party.partyKind) : undefined, 'kk:partyTo': ref(agreementUri), ...common }));
    });
    graph.push(clean({
      '@id': agreementUri,
      '@type': ['org:OrganizationalCollaboration', 'org:Organization', 'kk:Agreement'],
      'dcterms:identifier': a.id,
      'skos:prefLabel': nl(a.title),
      'dcterms:title': nl(a.title),
      'org:classification': concept('overeenkomstsoort', a.kind),
      'dcterms:isPartOf': a.parent ? ref(uri('overeenkomst', a.parent.id)) : undefined,
      'kk:phenomenon': a.phenomena.map(nl),
      'kk:forum': nl(a.forum),
      'kk:condition': a.conditions.map(nl),
      'kk:legalBasis': a.legalBases.map((l) => ref(uri('rechtsgrond', l.id))),
      ...spatial(base, a.territory),
      'kk:inForceOnExportDate': bool(a.inForce),
      ...recordState(a),
    }));
  }

  for (const i of data.instruments) {
    const extras = linkedInstrument.get(i.id);
    const instrumentUri = uri('instrument', i.id);
    const collaboration = collaborationKinds.has(i.kind);
    const classifications = extras?.classifications ?? i.classifications.map((c) => ({ ...c, sources: [] }));
    graph.push(clean({
      '@id': instrumentUri,
      '@type': collaboration ? ['kk:Instrument', 'org:OrganizationalCollaboration', 'org:Organization'] : 'kk:Instrument',
      'dcterms:identifier': i.id,
      'skos:prefLabel': nl(i.name),
      'dcterms:title': nl(i.name),
      'dcterms:description': nl(i.description),
      'kk:instrumentKind': concept('instrumentsoort', i.kind),
      'kk:case': i.case ? concept('casus', i.case.id) : undefined,
      [collaboration ? 'org:hasMember' : 'kk:partner']: i.partners.map((p) => ref(uri('organisatie', p.id))),
      'kk:partnerKind': i.partnerKinds.map((k) => concept('organisatiesoort', k)),
      'kk:phenomenon': i.phenomena.map(nl),
      'kk:servClassification': classifications.map((c) => clean({
        '@type': 'kk:ServClassification',
        'kk:servCell': concept('serv-cel', servCellCode(c.principle, c.dimension)),
        'dcterms:source': sources(c.sources),
      })),
      'kk:figure': (extras?.figures ?? []).map((f) => clean({
        '@id': uri('cijfer', `${i.id}.${shortHash(`${f.name}|${f.period ?? ''}|${f.date ?? ''}|${f.unit}`)}`),
        '@type': 'kk:Figure',
        'rdfs:label': nl(f.name),
        'rdf:value': { '@value': String(f.value), '@type': 'xsd:decimal' },
        'kk:unit': nl(f.unit),
        'kk:period': nl(f.period),
        'dcterms:date': day(f.date),
        'skos:note': nl(f.note),
        'dcterms:source': sources(f.sources),
      })),
      'kk:legalBasis': i.legalBases.map((l) => ref(uri('rechtsgrond', l.id))),
      ...spatial(base, i.territory),
      ...recordState(i),
    }));
  }

  // Between legal resources ELI has the words; "replaces" is dcterms:replaces.
  const relation: Record<string, string> = { AMENDS: 'eli:amends', INSERTS: 'eli:amends', IMPLEMENTS: 'eli:based_on', REPLACES: 'dcterms:replaces' };
  for (const l of data.legalBases) {
    const related: Record<string, Node[]> = {};
    for (const r of l.relations) (related[relation[r.type] ?? 'eli:related_to'] ??= []).push(ref(uri('rechtsgrond', r.to.id)));
    graph.push(clean({
      '@id': uri('rechtsgrond', l.id),
      '@type': 'eli:LegalResource',
      'dcterms:identifier': l.id,
      'eli:id_local': l.id,
      'eli:title': nl(l.title),
      'eli:title_short': nl(l.shortTitle),
      'eli:type_document': concept('rechtsgrondsoort', l.kind),
      'kk:governmentLevel': concept('bestuursniveau', l.level),
      'eli:date_document': day(l.date),
      'eli:date_publication': day(l.publicationDate),
      'eli:first_date_entry_in_force': day(l.validFrom),
      'eli:date_no_longer_in_force': day(l.validTo),
      'owl:sameAs': l.eli && /^https?:\/\//.test(l.eli) ? ref(l.eli) : undefined,
      'rdfs:seeAlso': l.url ? ref(l.url) : undefined,
      'kk:inForceOnExportDate': bool(l.inForce),
      ...related,
      'kk:unconfirmed': l.unconfirmed,
      'skos:note': nl(l.note),
      'dcterms:source': sources(l.sources),
    }));
  }

  graph.push(...territoryNodes(data, base));
  graph.push(...conceptSchemeNodes(data, base, codeLists()));
  graph.push(...servAssessmentNodes(data, base));

  return { '@context': jsonLdContext(base), '@graph': mergeById(graph) };
}

/** The SERV grid per case: each cell present (with the instruments and their evidence), absent (with the source saying so), or unknown. */
function servAssessmentNodes(data: ExportData, base: string): Node[] {
  return data.linked.servSynthesis.flatMap((synthesis) => synthesis.cells.map((cell) => {
    const code = servCellCode(cell.principle, cell.dimension);
    const sourced = cell.evidence.filter((e) => e.sources.length > 0);
    const absenceSourced = !cell.present && sourced.length > 0;
    return clean({
      '@id': recordUri(base, 'concept', `casus.${synthesis.case.id}`) + `#serv-${code}`,
      '@type': 'kk:ServCellAssessment',
      'kk:case': ref(conceptUri(base, 'casus', synthesis.case.id)),
      'kk:servCell': ref(conceptUri(base, 'serv-cel', code)),
      'kk:present': cell.present || absenceSourced ? bool(cell.present) : undefined,
      'kk:unknownReason': cell.present || absenceSourced ? undefined : 'NO_SOURCE',
      'kk:unknownExplanation': cell.present || absenceSourced ? undefined : nl('De bronnen noemen geen instrument in deze cel en stellen ook niet vast dat er geen is.'),
      'kk:evidence': cell.evidence.map((e) => clean({
        '@type': 'kk:ServEvidence',
        'kk:instrument': e.instrument ? ref(recordUri(base, 'instrument', e.instrument.id)) : undefined,
        'dcterms:source': sources(e.sources),
      })),
    });
  }));
}

/** One node per @id: a territory named by records and described by a municipality is one node. */
function mergeById(graph: Node[]): Node[] {
  const merged = new Map<string, Node>();
  const anonymous: Node[] = [];
  for (const node of graph) {
    const id = node['@id'] as string | undefined;
    if (!id) {
      anonymous.push(node);
      continue;
    }
    const seen = merged.get(id);
    if (!seen) merged.set(id, node);
    else for (const [k, v] of Object.entries(node)) if (!(k in seen)) seen[k] = v;
  }
  return [...merged.values(), ...anonymous];
}

/**
 * The description of one record: its node and the nodes that belong to it (`<uri>#…`: memberships, identifiers),
 * out of a document built from that record's data by the same mapping as the export.
 */
export function describeRecord(doc: ReturnType<typeof toJsonLd>, uri: string): ReturnType<typeof toJsonLd> | undefined {
  const own = doc['@graph'].filter((n) => {
    const id = n['@id'] as string | undefined;
    return id === uri || id?.startsWith(`${uri}#`);
  });
  if (!own.some((n) => n['@id'] === uri)) return undefined;
  return { '@context': doc['@context'], '@graph': own };
}
