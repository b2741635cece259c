import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { PROJECT_ROOT, SEEDS_DIR } from '../../core/paths';
import { recordUri } from '../../core/record-uri';
import DATASET from './dataset.json';
import type { ExportData, ExportSource } from './gather';

/**
 * What a citation of an export pins: which data (a content hash, so the same data gives the same version whatever
 * day it is exported), as of when, from which hub, resting on which source documents, under which licence.
 * Every export format carries this description (CSV: datapackage.json; GraphML: graph data; JSON-LD: a dataset node).
 */

export interface DatasetDocument {
  /** The document's id in seeds/documents.yaml. */
  id: string;
  /** The seed document's file name, as sources cite it. */
  file: string;
  title: string;
  date: string | null;
}

export interface DatasetLicence {
  /** KNOWN when one licence covers the whole dataset; UNKNOWN when the sources do not settle it. */
  status: 'KNOWN' | 'UNKNOWN';
  reasonCode: string | null;
  /** Dutch: what is known about the licence and why it is not settled. */
  note: string;
  /** Licences of parts of the data (reference datasets) that do state one. */
  parts: Array<{ part: string; licence: string; url: string; attribution: string; source: string }>;
}

export interface DatasetDescription {
  title: string;
  description: string;
  publisher: string;
  language: string;
  /** Short version label: the first 12 hex digits of the content hash. */
  version: string;
  /** SHA-256 over the exported data in a canonical form (without the export day and the hub's address). */
  contentHash: string;
  /** The newest day the data itself attests (a source consulted, a record confirmed): the state the version shows. */
  dataDate: string | null;
  /** The day this copy was exported (not part of the version). */
  exportedOn: string;
  /** The hub's software version (package.json). */
  hubVersion: string;
  /** The seed documents the exported data cites. */
  documents: DatasetDocument[];
  /** Reference datasets the exported data cites (source.dataset). */
  datasets: string[];
  /** How many distinct web pages (url) the data cites. */
  webSourceCount: number;
  licence: DatasetLicence;
  /** A citation people can paste (Dutch). */
  citation: string;
  /** The dataset version's URI under the public base, when one is given. */
  uri: string | null;
}

/**
 * Fields that follow from the export day rather than from the data (in-force answers are asked for "today"), and
 * the export's own circumstances: left out of the hash so they do not change the version.
 */
const NOT_DATA = new Set(['exportedOn', 'endpoint', 'publicBaseUrl', 'inForce', 'inForceOn']);

/**
 * JSON with sorted keys, Maps as sorted entries and every array sorted by its members' canonical text: the API's
 * order of lists is not part of the data, so two hubs with the same records give the same text.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Map) return canonicalJson(Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), v])));
  if (Array.isArray(value)) return `[${value.map(canonicalJson).sort().join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => !NOT_DATA.has(k) && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(data: ExportData): string {
  return crypto.createHash('sha256').update(canonicalJson(data)).digest('hex');
}

/** Every source object anywhere in the data (records, parties, contact points, areas, figures…). */
function allSources(value: unknown, out: ExportSource[] = [], seen = new Set<unknown>()): ExportSource[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  if (value instanceof Map) {
    for (const v of value.values()) allSources(v, out, seen);
    return out;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'sources' && Array.isArray(v)) out.push(...(v as ExportSource[]));
    else allSources(v, out, seen);
  }
  return out;
}

/** The newest ISO day among `seen` and `lastConfirmed` anywhere in the data. */
function newestAttestedDay(value: unknown): string | null {
  let newest: string | null = null;
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    if (v instanceof Map) return [...v.values()].forEach(visit);
    for (const [key, x] of Object.entries(v as Record<string, unknown>)) {
      if ((key === 'seen' || key === 'lastConfirmed') && typeof x === 'string' && /^\d{4}-\d{2}-\d{2}/.test(x)) {
        if (!newest || x.slice(0, 10) > newest) newest = x.slice(0, 10);
      } else visit(x);
    }
  };
  visit(value);
  return newest;
}

interface DocumentsFile {
  records: Array<{ id: string; file: string; title: string; date?: string | Date | null }>;
}

/** The seed documents as seeds/documents.yaml names them, by file name. */
function seedDocuments(): Map<string, DatasetDocument> {
  const doc = YAML.parse(fs.readFileSync(path.join(SEEDS_DIR, 'documents.yaml'), 'utf8')) as DocumentsFile;
  return new Map(
    doc.records.map((r) => [r.file, { id: r.id, file: r.file, title: r.title, date: r.date ? String(r.date).slice(0, 10) : null }]),
  );
}

function hubVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The citable description of the exported data. `base` is the public base URL (PUBLIC_BASE_URL) for the dataset's URI. */
export function datasetDescription(data: ExportData, base?: string): DatasetDescription {
  const hash = contentHash(data);
  const version = hash.slice(0, 12);
  const sources = allSources(data);
  const known = seedDocuments();
  const cited = [...new Set(sources.map((s) => s.document).filter((d): d is string => !!d))].sort();
  const documents = cited.map((file) => known.get(file) ?? { id: file, file, title: sources.find((s) => s.document === file)?.title ?? file, date: null });
  const datasets = [...new Set(sources.map((s) => s.dataset).filter((d): d is string => !!d))].sort();
  const webSourceCount = new Set(sources.map((s) => s.url).filter(Boolean)).size;
  const dataDate = newestAttestedDay(data);
  const hub = hubVersion();
  const licence = DATASET.licence as DatasetLicence;
  return {
    title: DATASET.title,
    description: DATASET.description,
    publisher: DATASET.publisher,
    language: DATASET.language,
    version,
    contentHash: hash,
    dataDate,
    exportedOn: data.exportedOn,
    hubVersion: hub,
    documents,
    datasets,
    webSourceCount,
    licence,
    citation: `${DATASET.publisher}. ${DATASET.title}. Datasetversie ${version}${dataDate ? `, stand ${dataDate}` : ''} (hub ${hub}; sha256 ${hash}).`,
    uri: base ? recordUri(base, 'dataset', version) : null,
  };
}
