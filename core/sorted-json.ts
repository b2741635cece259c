/**
 * JSON with the keys of every object sorted (arrays keep their order; undefined reads as null): two values are the
 * same data when their texts are. The seed uses it to leave unchanged records without a new version, the feed to
 * say which attributes a version changed.
 */
export function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${sortedJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
