import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../../core/paths';
import { recordUri } from '../../../core/record-uri';

/**
 * The hub's code lists (linked-data/code-lists.yaml) and the URIs built from them. The lists are data, read once:
 * the export and the gateway's dereferencing route name the same concepts the same way.
 */

export const LINKED_DATA_DIR = path.join(PROJECT_ROOT, 'linked-data');

export interface SchemeDefinition {
  label: string;
  definition: string;
  /** Its concepts are also org:Role (post functions, party roles). */
  role?: boolean;
  /** Concepts (also) come from the registry's records, with their sources. */
  fromData?: boolean;
  concepts?: Record<string, string>;
  cells?: Array<[string, string]>;
}

export interface CodeLists {
  schemes: Record<string, SchemeDefinition>;
  territorySlugs: Record<string, string>;
}

let cached: CodeLists | undefined;
export function codeLists(): CodeLists {
  cached ??= parse(fs.readFileSync(path.join(LINKED_DATA_DIR, 'code-lists.yaml'), 'utf8')) as CodeLists;
  return cached;
}

export const schemeUri = (base: string, scheme: string) => recordUri(base, 'conceptschema', scheme);
export const conceptUri = (base: string, scheme: string, code: string) => recordUri(base, 'concept', `${scheme}.${code}`);

/** A SERV cell's code: principle and dimension, as the API names them. */
export const servCellCode = (principle: string, dimension: string) => `${principle}.${dimension}`;

/** A party role as the sources word it ("kernpartner (CAW; …)") → its code: the role word before any remark. */
export function partyRoleCode(role: string | null): { code: string; label: string } {
  if (!role || !role.trim()) return { code: 'onbekend', label: codeLists().schemes.partijrol.concepts!.onbekend };
  const label = role.replace(/\s*\(.*$/s, '').trim() || role.trim();
  const code = label.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return { code: code || 'onbekend', label };
}

/** A territory's URI: `<base>/id/territorium/<slug>-<ref>`, or `<slug>` alone for a region without a ref. */
export function territoryUri(base: string, scale: string, ref: string | null): string {
  const slug = codeLists().territorySlugs[scale] ?? scale.toLowerCase();
  return recordUri(base, 'territorium', ref ? `${slug}-${ref}` : slug);
}

/** Scales that are one territory without a ref (a region, the country); any other scale without a ref means "every area of that scale". */
export const WHOLE_TERRITORY_SCALES = new Set(['FLANDERS', 'BRUSSELS', 'BELGIUM']);

/** The territory a `territorium` id names (the inverse of territoryUri), or undefined. */
export function parseTerritoryId(id: string): { scale: string; ref: string | null } | undefined {
  const slugs = Object.entries(codeLists().territorySlugs).sort((a, b) => b[1].length - a[1].length);
  for (const [scale, slug] of slugs) {
    if (id === slug && WHOLE_TERRITORY_SCALES.has(scale)) return { scale, ref: null };
    if (id.startsWith(`${slug}-`) && !WHOLE_TERRITORY_SCALES.has(scale)) return { scale, ref: id.slice(slug.length + 1) };
  }
  return undefined;
}

/** The Flemish base registry's URI of a municipality (its NIS code), to which ours is owl:sameAs. */
export const flemishMunicipalityUri = (nis: string) => `https://data.vlaanderen.be/id/gemeente/${encodeURIComponent(nis)}`;
