import { Field, InputType } from 'type-graphql';
import { TerritorialScale } from '../enums';
import { DateScalar, type SourceRecord } from '../graphql-types';
import type { InputProblems } from './problems';
import { isEdtf } from '../../../core/partial-date';

@InputType({ description: 'Where a fact comes from: a document and its locator, or a public URL (with the date it was consulted).' })
export class SourceInput {
  @Field(() => String, { nullable: true })
  document?: string;

  @Field(() => String, { nullable: true })
  locator?: string;

  @Field(() => String, { nullable: true })
  quote?: string;

  @Field(() => String, { nullable: true })
  url?: string;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => DateScalar, { nullable: true, description: 'When the URL was consulted.' })
  seen?: Date;
}

@InputType({ description: 'A territory: a scale and, below region level, the id of the area on that scale.' })
export class TerritoryRefInput {
  @Field(() => TerritorialScale)
  scale: TerritorialScale;

  @Field(() => String, { nullable: true })
  ref?: string;
}

/** As stored: plain objects, dates as `YYYY-MM-DD`, no empty keys. */
export function toSourceRecords(sources: SourceInput[]): SourceRecord[] {
  return sources.map((s) => {
    const record: SourceRecord = {};
    for (const key of ['document', 'locator', 'quote', 'url', 'title'] as const) if (s[key]?.trim()) record[key] = s[key]!.trim();
    if (s.seen) record.seen = s.seen.toISOString().slice(0, 10);
    return record;
  });
}

export function toTerritoryRefs(refs: TerritoryRefInput[]): Array<{ scale: TerritorialScale; ref?: string }> {
  return refs.map((r) => (r.ref ? { scale: r.scale, ref: r.ref } : { scale: r.scale }));
}

/** Every fact cites a source: at least one, each a document or a public https URL with the date it was seen. */
export function checkSources(problems: InputProblems, sources: SourceRecord[] | undefined, field: string): void {
  if (!sources?.length) {
    problems.add(field, 'SOURCE_REQUIRED', 'heeft minstens één bron nodig (een document met zijn vindplaats, of een publieke URL met de datum van raadpleging)');
    return;
  }
  sources.forEach((s, i) => {
    if (!s.document && !s.url) problems.add(`${field}[${i}]`, 'SOURCE_REQUIRED', 'noemt geen document en geen URL');
    if (s.url && !/^https?:\/\/[^\s]+$/.test(s.url)) problems.add(`${field}[${i}].url`, 'NOT_A_WEB_ADDRESS', `is geen http(s)-URL: "${s.url}"`);
    if (s.url && !s.seen) problems.add(`${field}[${i}].seen`, 'REQUIRED', 'is verplicht bij een URL: de datum waarop de pagina geraadpleegd werd');
  });
}

/** A date argument (graphql-scalars gives a JS Date at UTC midnight) as `YYYY-MM-DD`, keeping null and absence. */
export function isoDateOrNull(value: Date | null | undefined): string | null | undefined {
  return value === undefined ? undefined : value === null ? null : value.toISOString().slice(0, 10);
}

/**
 * A record's start as an editor gives it: a day (`validFrom`), or a month or a year as the source gives it
 * (`validFromAsGiven`: `2023-11`, `2017`; EDTF level 0). The day column holds a day only; the EDTF column holds
 * every precision (docs/data.md, "Dates"). Undefined fields are left alone by a change.
 */
export function startAsGiven(
  problems: InputProblems,
  input: { validFrom?: Date | null; validFromAsGiven?: string | null },
  prefix: string,
  /** A new record: no start given is an unknown start (null), not "left alone". */
  creating = false,
): { validFrom: string | null | undefined; validFromEdtf?: string | null } {
  // An explicit null clears the start; left out, a change keeps it and a new record has none.
  const day = input.validFrom === undefined && creating ? null : isoDateOrNull(input.validFrom);
  if (input.validFromAsGiven === undefined || (creating && input.validFromAsGiven === null)) return { validFrom: day };
  if (input.validFromAsGiven === null) return { validFrom: day ?? null, validFromEdtf: day ?? null };
  const given = input.validFromAsGiven.trim();
  if (!isEdtf(given)) {
    problems.add(`${prefix}.validFromAsGiven`, 'NOT_A_DATE', `is geen datum op de precisie van de bron: gebruik JJJJ-MM-DD, JJJJ-MM of JJJJ; kreeg "${given}"`);
    return { validFrom: day };
  }
  if (day && day !== given) problems.add(`${prefix}.validFromAsGiven`, 'CONFLICTING_DATES', `zegt iets anders dan validFrom (${day}): geef er één`);
  return { validFrom: given.length === 10 ? given : null, validFromEdtf: given };
}
