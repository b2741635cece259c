import jsonld from 'jsonld';
import { DataFactory, type Quad, type Term, Writer } from 'n3';

/**
 * RDF from the JSON-LD document (the one mapping, hub/export/jsonld.ts): as quads for validation, and as Turtle
 * written by n3 with the document's prefixes. Safe mode: a term the context cannot map is an error, never dropped.
 */

const noRemoteContexts = async (url: string) => {
  throw new Error(`the Linked Data must not need a remote context (asked for ${url})`);
};

interface JsonLdTerm { termType: string; value: string; datatype?: { value: string }; language?: string }

function term(t: JsonLdTerm): Term {
  switch (t.termType) {
    case 'NamedNode':
      return DataFactory.namedNode(t.value);
    case 'BlankNode':
      return DataFactory.blankNode(t.value.replace(/^_:/, ''));
    case 'Literal':
      return t.language ? DataFactory.literal(t.value, t.language) : DataFactory.literal(t.value, DataFactory.namedNode(t.datatype?.value ?? 'http://www.w3.org/2001/XMLSchema#string'));
    default:
      return DataFactory.defaultGraph();
  }
}

export async function toQuads(doc: object): Promise<Quad[]> {
  const raw = (await jsonld.toRDF(doc as never, { safe: true, documentLoader: noRemoteContexts } as never)) as unknown as Array<Record<'subject' | 'predicate' | 'object' | 'graph', JsonLdTerm>>;
  return raw.map((q) => DataFactory.quad(term(q.subject) as never, term(q.predicate) as never, term(q.object) as never));
}

export async function toTurtle(doc: { '@context': Record<string, string> }): Promise<string> {
  const quads = await toQuads(doc);
  const prefixes = Object.fromEntries(Object.entries(doc['@context']).filter(([, v]) => typeof v === 'string'));
  const writer = new Writer({ prefixes });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((err, result) => (err ? reject(err) : resolve(result))));
}
