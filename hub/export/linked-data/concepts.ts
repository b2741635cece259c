import type { ExportData } from '../gather';
import { type Node, clean, nl, ref, sources } from './nodes';
import { type CodeLists, conceptUri, partyRoleCode, schemeUri } from './vocabulary';

/**
 * Every code list as a skos:ConceptScheme with its skos:Concepts (Dutch preferred labels): the lists in
 * linked-data/code-lists.yaml, the SERV cells (broader: their principle and dimension), and the schemes whose
 * concepts are records of the registry (cases with their sources, party roles as the agreements word them).
 */
export function conceptSchemeNodes(data: ExportData, base: string, lists: CodeLists): Node[] {
  const nodes: Node[] = [];
  for (const [scheme, def] of Object.entries(lists.schemes)) {
    const concepts: Node[] = [];
    const types = def.role ? ['skos:Concept', 'org:Role'] : 'skos:Concept';
    const concept = (code: string, label: string, extra: Node = {}) => {
      if (concepts.some((c) => c['skos:notation'] === code)) return;
      concepts.push(clean({
        '@id': conceptUri(base, scheme, code),
        '@type': types,
        'skos:prefLabel': nl(label),
        'skos:notation': code,
        'skos:inScheme': ref(schemeUri(base, scheme)),
        'skos:topConceptOf': ref(schemeUri(base, scheme)),
        ...extra,
      }));
    };
    for (const [code, label] of Object.entries(def.concepts ?? {})) concept(code, label);
    for (const [principle, dimension] of def.cells ?? []) {
      const p = lists.schemes['serv-principe'].concepts![principle];
      const d = lists.schemes['serv-dimensie'].concepts![dimension];
      concept(`${principle}.${dimension}`, `${p} — ${d}`, { 'skos:broader': [ref(conceptUri(base, 'serv-principe', principle)), ref(conceptUri(base, 'serv-dimensie', dimension))] });
    }
    if (scheme === 'casus') {
      for (const c of data.linked.cases) concept(c.id, c.name, { 'skos:definition': nl(c.description), 'dcterms:source': sources(c.sources) });
    }
    if (scheme === 'partijrol') {
      for (const worded of [...data.agreements.flatMap((a) => a.parties.map((p) => p.role)), ...(data.linked.partyRoles ?? [])]) {
        const role = partyRoleCode(worded);
        concept(role.code, role.label);
      }
    }
    nodes.push(clean({
      '@id': schemeUri(base, scheme),
      '@type': 'skos:ConceptScheme',
      'skos:prefLabel': nl(def.label),
      'skos:definition': nl(def.definition),
      'dcterms:identifier': scheme,
      'skos:hasTopConcept': concepts.map((c) => ref(c['@id'] as string)),
    }), ...concepts);
  }
  return nodes;
}
