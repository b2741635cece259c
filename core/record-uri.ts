/**
 * Every record of the registry has one HTTP URI, `<PUBLIC_BASE_URL>/id/<type>/<id>`: the exports, the Linked Data
 * pages and the change feed all name records by it, so that one real thing has one name wherever it appears.
 * The types are the path segments; they are part of the published URIs and so never renamed.
 */
export const RECORD_TYPES = [
  'organisatie',
  'soort-organisatie',
  'vestiging',
  'post',
  'contactpunt',
  'overeenkomst',
  'instrument',
  'rechtsgrond',
  'territorium',
  'opvolging',
  'concept',
  'conceptschema',
  'cijfer',
  'document',
  'dataset',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export function recordUri(base: string, type: RecordType, id: string): string {
  return `${base.replace(/\/+$/, '')}/id/${type}/${encodeURIComponent(id)}`;
}

/** The type and id a URI path `/id/<type>/<id>` names, or undefined when it names no record type. */
export function parseRecordPath(pathname: string): { type: RecordType; id: string } | undefined {
  const match = /^\/id\/([a-z-]+)\/([^/]+)\/?$/.exec(pathname);
  if (!match || !(RECORD_TYPES as readonly string[]).includes(match[1])) return undefined;
  try {
    return { type: match[1] as RecordType, id: decodeURIComponent(match[2]) };
  } catch {
    return undefined;
  }
}
