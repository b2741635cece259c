import { DateScalar } from '../../core/dates';
import { TerritorialScale } from './enums';
import { Directive, Field, ObjectType } from 'type-graphql';

export { DateScalar, DateTimeScalar } from '../../core/dates';

/**
 * Where a fact comes from. Every entity and relation the hub serves carries at least one. A value type shared
 * by all subgraphs, hence `@shareable`.
 */
@ObjectType({ description: 'The source of a fact: a seed document and its locator, a public URL, or a reference dataset.' })
@Directive('@shareable')
export class Source {
  @Field(() => String, { nullable: true, description: 'Seed document file name (see the seed documents index).' })
  document?: string;

  @Field(() => String, { nullable: true, description: 'Reference dataset file name (territory data).' })
  dataset?: string;

  @Field(() => String, { nullable: true, description: 'Section, article, answer, page or row within the source.' })
  locator?: string;

  @Field(() => String, { nullable: true, description: 'A short verbatim quote supporting the fact.' })
  quote?: string;

  @Field(() => String, { nullable: true, description: 'Public URL (ELI, official page).' })
  url?: string;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => DateScalar, { nullable: true, description: 'When the public URL was consulted.' })
  seen?: string;
}

export interface SourceRecord {
  document?: string;
  dataset?: string;
  locator?: string;
  quote?: string;
  url?: string;
  title?: string;
  seen?: string;
}

/** A territory an actor or instrument works on: a scale and, below region level, the id of the area. */
@ObjectType({ description: 'A territory: a scale and the id of the area on that scale (absent for FLANDERS, BRUSSELS, BELGIUM).' })
@Directive('@shareable')
export class TerritoryRef {
  @Field(() => TerritorialScale)
  scale: TerritorialScale;

  @Field(() => String, { nullable: true })
  ref?: string;
}

/**
 * The last date a record's facts were confirmed: the most recent `seen` date of its sources, or the date an
 * editor last confirmed it, whichever is later. Null where the record rests only on documents that carry no
 * consultation date and no editor has confirmed it.
 */
export function lastConfirmedOf(sources: SourceRecord[] | null | undefined, confirmedOn?: string | null): string | null {
  const dates = (sources ?? []).map((s) => s.seen).filter((d): d is string => Boolean(d));
  if (confirmedOn) dates.push(confirmedOn);
  return dates.length ? dates.sort().at(-1)! : null;
}

/** How `lastConfirmed` is described on records that only sources confirm (no editor confirms them). */
export const SOURCES_CONSULTED = 'The most recent date a public source for this was consulted; null where it rests only on undated documents.';

