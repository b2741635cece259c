import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { PROJECT_ROOT } from '../../../core/paths';
import { OrganisationKind } from '../../_shared/enums';

/**
 * The gap report's vocabulary (codes, Dutch explanations, measure and kind labels) is data, kept in
 * gap-vocabulary.yaml beside this file so that wording changes without code changes. Read and checked once, at
 * start: a code the report can emit but the file lacks fails the start, not a request.
 */

export const GAP_CODES = [
  'NO_CONTACT_POINT', 'NO_IDENTIFIER', 'NO_SITE', 'UNSETTLED_AREA', 'START_UNKNOWN', 'DATE_IMPRECISE', 'DATE_PLANNED',
  'NOT_CONFIRMED_RECENTLY', 'POST_WITHOUT_HOLDER', 'UNCONFIRMED',
] as const;
export type GapCode = (typeof GAP_CODES)[number];

export const MEASURES = ['CONTACT_POINT', 'IDENTIFIER', 'SITE', 'START_DATE', 'CONFIRMED', 'SERVICE_KNOWN'] as const;
export type Measure = (typeof MEASURES)[number];

export const GAP_RECORD_TYPES = ['ORGANISATION', 'SITE', 'POST', 'AGREEMENT', 'MUNICIPALITY'] as const;
export type GapRecordType = (typeof GAP_RECORD_TYPES)[number];

const text = z.string().min(1);
const kind = z.enum(OrganisationKind);
const schema = z.strictObject({
  gaps: z.strictObject(Object.fromEntries(GAP_CODES.map((c) => [c, z.strictObject({ explanation: text })])) as Record<GapCode, z.ZodObject<{ explanation: z.ZodString }>>),
  measures: z.strictObject(Object.fromEntries(MEASURES.map((m) => [m, text])) as Record<Measure, z.ZodString>),
  dateFields: z.strictObject({ from: text, to: text }),
  kinds: z.strictObject(Object.fromEntries(Object.values(OrganisationKind).map((k) => [k, text])) as Record<OrganisationKind, z.ZodString>),
  siteKinds: z.array(kind),
  municipalityServices: z.strictObject({
    region: z.enum(['FLANDERS', 'BRUSSELS']),
    regionLabel: text,
    kinds: z.partialRecord(kind, z.string().nullable()),
  }),
  areas: z.record(z.string(), text),
  recordTypes: z.strictObject(Object.fromEntries(GAP_RECORD_TYPES.map((t) => [t, text])) as Record<GapRecordType, z.ZodString>),
});

export type GapVocabulary = z.infer<typeof schema>;

export const VOCABULARY_FILE = path.join(PROJECT_ROOT, 'subgraphs', 'partners', 'gaps', 'gap-vocabulary.yaml');

let loaded: GapVocabulary | undefined;

export function vocabulary(): GapVocabulary {
  loaded ??= schema.parse(YAML.parse(fs.readFileSync(VOCABULARY_FILE, 'utf8')));
  return loaded;
}

/** A template with its {placeholders} filled in; a placeholder without a value is left visible, never dropped. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export const explain = (code: GapCode, values: Record<string, string | number> = {}) => fill(vocabulary().gaps[code].explanation, values);
export const measureLabel = (measure: Measure, values: Record<string, string | number> = {}) => fill(vocabulary().measures[measure], values);
export const kindLabel = (k: OrganisationKind) => vocabulary().kinds[k];
