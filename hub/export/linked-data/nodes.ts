import { createHash } from 'node:crypto';
import type { ExportSource } from '../gather';

/** Building blocks of the JSON-LD nodes: explicit references and typed literals, so the document reads the same under any context. */

export type Node = Record<string, unknown>;

export const ref = (iri: string) => ({ '@id': iri });
export const nl = (text: string | null | undefined) => (text ? { '@value': text, '@language': 'nl' } : undefined);
export const day = (d: string | null | undefined) => (d ? { '@value': d, '@type': 'xsd:date' } : undefined);
export const bool = (b: boolean | null | undefined) => (b === null || b === undefined ? undefined : { '@value': String(b), '@type': 'xsd:boolean' });

/** Drops null, undefined and empty arrays, so the graph has no empty statements. */
export function clean(node: Node): Node {
  return Object.fromEntries(Object.entries(node).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

export const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 10);

/** A source as a bibliographic reference: the document (or dataset, or web page), locator, quote and when it was seen. */
export function source(s: ExportSource): Node {
  return clean({
    '@type': 'dcterms:BibliographicResource',
    'dcterms:title': s.title ?? undefined,
    'dcterms:identifier': s.document ?? s.dataset ?? undefined,
    'kk:locator': s.locator ?? undefined,
    'kk:quote': nl(s.quote),
    'rdfs:seeAlso': s.url ? ref(s.url) : undefined,
    'kk:consulted': day(s.seen),
  });
}
export const sources = (list: ExportSource[]) => list.map(source);

