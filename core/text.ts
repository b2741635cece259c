/** Lower-case, accents removed, whitespace folded: how names are compared with what people type. */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A stable kebab-case identifier from a name ("PZ Aalter/Maldegem" → "pz-aalter-maldegem"). */
export function slugify(name: string): string {
  return nameKey(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const OR_LIST = new Intl.ListFormat('nl', { type: 'disjunction' });

/** Names as a Dutch "or" list, for messages: "A", "A of B", "A, B of C". */
export function orList(names: string[]): string {
  return OR_LIST.format(names);
}
