import type { ExportData, ExportSource, NamedArea } from '../gather';
import { type Node, clean, nl, ref, sources } from './nodes';
import { WHOLE_TERRITORY_SCALES, codeLists, conceptUri, flemishMunicipalityUri, territoryUri } from './vocabulary';

/**
 * Every territory the data names, described: the municipalities with the areas they lie in (provinces,
 * administrative and judicial arrondissements, judicial divisions, eerstelijnszones, police zones, service
 * regions), the regions, and any area a record names that no municipality mentions. "Every municipality" and the
 * like are no places and get no node (records say kk:servesEvery a scale instead).
 */
export function territoryNodes(data: ExportData, base: string): Node[] {
  const nodes = new Map<string, Node>();
  const scaleLabel = (scale: string) => codeLists().schemes['territoriaal-niveau'].concepts![scale] ?? scale;
  const add = (scale: string, id: string | null, name: string, extra: Node = {}, src: ExportSource[] = []) => {
    const uri = territoryUri(base, scale, id);
    if (nodes.has(uri)) return uri;
    nodes.set(uri, clean({
      '@id': uri,
      '@type': 'dcterms:Location',
      'dcterms:identifier': id ?? scale,
      'rdfs:label': nl(name),
      'skos:prefLabel': nl(name),
      'kk:scale': ref(conceptUri(base, 'territoriaal-niveau', scale)),
      ...extra,
      'dcterms:source': sources(src),
    }));
    return uri;
  };
  const area = (scale: string, a: (NamedArea & { nis?: string; zoneNumber?: string | null }) | null, extra: Node = {}) =>
    a ? add(scale, a.id, a.name, { 'skos:notation': a.nis ?? a.zoneNumber ?? undefined, ...extra }, a.sources) : undefined;

  for (const scale of WHOLE_TERRITORY_SCALES) add(scale, null, scaleLabel(scale));
  const belgium = territoryUri(base, 'BELGIUM', null);
  for (const region of ['FLANDERS', 'BRUSSELS']) nodes.get(territoryUri(base, region, null))!['dcterms:isPartOf'] = ref(belgium);

  for (const m of data.municipalities) {
    const parts = [
      area('PROVINCE', m.province),
      area('ADMINISTRATIVE_ARRONDISSEMENT', m.arrondissement),
      area('POLICE_ZONE', m.policeZone),
      area('EERSTELIJNSZONE', m.eerstelijnszone),
      area('JUDICIAL_ARRONDISSEMENT', m.judicialArrondissement),
      area('JUDICIAL_DIVISION', m.judicialDivision),
      ...m.serviceRegions.map((r) => area('SERVICE_REGION', r, { 'kk:serviceRegionKind': nl(r.kind) })),
      territoryUri(base, m.region, null),
    ].filter((u): u is string => Boolean(u));
    const uri = territoryUri(base, 'MUNICIPALITY', m.nis);
    nodes.delete(uri); // described by the municipality itself, whatever named it first
    nodes.set(uri, clean({
      '@id': uri,
      '@type': 'dcterms:Location',
      'dcterms:identifier': m.nis,
      'rdfs:label': nl(m.name),
      'skos:prefLabel': nl(m.name),
      'skos:notation': m.nis,
      'kk:scale': ref(conceptUri(base, 'territoriaal-niveau', 'MUNICIPALITY')),
      // The Flemish base registry names Flemish municipalities by NIS code; Brussels ones are not in it.
      'owl:sameAs': m.region === 'FLANDERS' ? ref(flemishMunicipalityUri(m.nis)) : undefined,
      'dcterms:isPartOf': parts.map(ref),
      'kk:postcode': m.postcodes.map((p) => p.postcode),
      'kk:unsettledArea': m.unsettledAreas.map((u) => clean({
        '@type': 'kk:UnsettledArea',
        'kk:areaKind': u.kind,
        'kk:unknownReason': 'UNSETTLED',
        'kk:unknownExplanation': nl(u.note),
      })),
      'schema:validFrom': m.validFrom ? { '@value': m.validFrom, '@type': 'xsd:date' } : undefined,
      'dcterms:source': sources(m.sources),
    }));
  }

  // Areas a record names that no municipality mentions: named as the hub names them (gather), with its sources.
  for (const t of data.territories.values()) {
    if (!t.ref && !WHOLE_TERRITORY_SCALES.has(t.scale)) continue;
    const uri = territoryUri(base, t.scale, t.ref);
    if (nodes.has(uri)) continue;
    add(t.scale, t.ref, t.name === t.ref ? `${scaleLabel(t.scale)} ${t.ref}` : t.name, {
      'skos:note': t.sources.length ? undefined : nl('Naam afgeleid van het soort gebied en zijn code: geen gemeente in het register ligt erin.'),
    }, t.sources);
  }
  return [...nodes.values()];
}
