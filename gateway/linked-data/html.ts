import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Quad, Term } from 'n3';
import { parse } from 'yaml';
import { LINKED_DATA_DIR } from '../../hub/export/linked-data/vocabulary';
import { escapeHtml, fillTemplate } from '../../core/html-template';

/**
 * A record's page for people: the triples of its description, in Dutch where the labels file names a property,
 * filled into linked-data/record.html (the page and its fragments are that file; this module only fills them in,
 * escaping every value).
 */

interface Template {
  page: string;
  fragments: Record<string, string>;
  /** The Content-Security-Policy that lets the page's own style sheet, and nothing else, apply. */
  csp: string;
}

let template: Template | undefined;
let labels: { properties: Record<string, string>; classes: Record<string, string> } | undefined;

function loadTemplate(): Template {
  if (template) return template;
  const text = fs.readFileSync(path.join(LINKED_DATA_DIR, 'record.html'), 'utf8');
  const fragments: Record<string, string> = {};
  for (const m of text.matchAll(/<!--([a-z]+)-->\n?([\s\S]*?)<!--\/\1-->/g)) fragments[m[1]] = m[2].trim();
  const page = text.slice(0, text.indexOf('<!--'));
  const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
  const styleHash = createHash('sha256').update(style).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  template = { page, fragments, csp };
  return template;
}

function loadLabels() {
  labels ??= parse(fs.readFileSync(path.join(LINKED_DATA_DIR, 'labels.yaml'), 'utf8'));
  return labels!;
}


export const htmlContentSecurityPolicy = () => loadTemplate().csp;

const LABEL_PROPERTIES = ['http://www.w3.org/2004/02/skos/core#prefLabel', 'http://www.w3.org/2000/01/rdf-schema#label', 'http://data.europa.eu/eli/ontology#title', 'http://purl.org/dc/terms/title'];
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

export function renderRecordPage(quads: Quad[], uri: string, prefixes: Record<string, string>, alternates: { jsonld: string; turtle: string }): string {
  const { page, fragments } = loadTemplate();
  const { properties, classes } = loadLabels();
  const compact = (iri: string) => {
    for (const [prefix, ns] of Object.entries(prefixes)) if (iri.startsWith(ns) && iri.length > ns.length) return `${prefix}:${iri.slice(ns.length)}`;
    return iri;
  };
  // A record of the hub named but not described here: its kind and id say what it is (concept: code list and code).
  const own = new URL(uri).origin;
  const ownName = (iri: string) => {
    const m = iri.startsWith(own) ? /\/id\/([a-z-]+)\/([^/]+)$/.exec(iri) : null;
    return m ? `${m[1]}: ${decodeURIComponent(m[2])}` : undefined;
  };
  const subjects: string[] = [uri];
  for (const q of quads) if (!subjects.includes(q.subject.value)) subjects.push(q.subject.value);
  const anchorOf = (s: string) => (s === uri ? 'record' : `deel-${subjects.indexOf(s)}`);
  const labelOf = (s: string) => quads.find((q) => q.subject.value === s && LABEL_PROPERTIES.includes(q.predicate.value))?.object.value;
  const kindOf = (s: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === RDF_TYPE).map((q) => classes[compact(q.object.value)] ?? compact(q.object.value)).join(', ');
  const value = (o: Term): string => {
    if (o.termType === 'NamedNode') return fillTemplate(fragments.link, { href: o.value, text: classes[compact(o.value)] ?? labelOf(o.value) ?? ownName(o.value) ?? o.value });
    if (o.termType === 'BlankNode' || subjects.includes(o.value)) return fillTemplate(fragments.link, { href: `#${anchorOf(o.value)}`, text: `${labelOf(o.value) ?? kindOf(o.value) ?? 'onderdeel'} (hieronder)` });
    return escapeHtml(o.value);
  };
  const sections = subjects.map((s) => {
    const byPredicate = new Map<string, Term[]>();
    for (const q of quads) if (q.subject.value === s) byPredicate.set(q.predicate.value, [...(byPredicate.get(q.predicate.value) ?? []), q.object]);
    const rows = [...byPredicate].map(([p, objects]) => fillTemplate(fragments.row, {
      label: properties[compact(p)] ?? compact(p),
      property: compact(p),
      value: objects.map((o) => fillTemplate(fragments.item, { content: value(o) })).join(''),
    }));
    return fillTemplate(fragments.section, { anchor: anchorOf(s), heading: s === uri ? 'Gegevens' : `${kindOf(s) || 'Onderdeel'}${labelOf(s) ? `: ${labelOf(s)}` : ''}`, rows: rows.join('\n') });
  });
  return fillTemplate(page, { title: labelOf(uri) ?? uri, kind: kindOf(uri), uri, jsonldHref: alternates.jsonld, turtleHref: alternates.turtle, sections: sections.join('\n') });
}
