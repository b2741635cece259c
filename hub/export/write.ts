import fs from 'node:fs';
import path from 'node:path';
import { toCsvFiles } from './csv';
import type { ExportData } from './gather';
import { toGraphml } from './graphml';
import { toJsonLd } from './jsonld';
import { toTurtle } from './turtle';

export const EXPORT_FORMATS = ['csv', 'jsonld', 'turtle', 'graphml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const FILE_NAMES: Record<Exclude<ExportFormat, 'csv'>, string> = { jsonld: 'ketenkaart.jsonld', turtle: 'ketenkaart.ttl', graphml: 'ketenkaart.graphml' };

export interface RenderOptions {
  /** PUBLIC_BASE_URL: the base of the record URIs in the Linked Data. */
  base: string;
}

/** File name → contents for one format. */
export async function renderExport(format: ExportFormat, data: ExportData, opts: RenderOptions): Promise<Record<string, string>> {
  switch (format) {
    case 'csv':
      return toCsvFiles(data);
    case 'jsonld':
      return { [FILE_NAMES.jsonld]: JSON.stringify(toJsonLd(data, opts), null, 2) + '\n' };
    case 'turtle':
      return { [FILE_NAMES.turtle]: await toTurtle(toJsonLd(data, opts)) };
    case 'graphml':
      return { [FILE_NAMES.graphml]: toGraphml(data) };
  }
}

/**
 * Writes one format under `out`: a folder (created if needed) for CSV and by default, or a file path for
 * JSON-LD, Turtle and GraphML when `out` names a file (it has an extension). Returns the paths written.
 */
export async function writeExport(format: ExportFormat, data: ExportData, out: string, opts: RenderOptions): Promise<string[]> {
  const files = await renderExport(format, data, opts);
  const names = Object.keys(files);
  const toFile = format !== 'csv' && names.length === 1 && path.extname(out) !== '' && !(fs.existsSync(out) && fs.statSync(out).isDirectory());
  if (toFile) {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, files[names[0]]);
    return [path.resolve(out)];
  }
  return writeFiles(files, out);
}

/** Writes files (name → contents) into the folder `out`, created if needed. Returns the paths written. */
export function writeFiles(files: Record<string, string>, out: string): string[] {
  fs.mkdirSync(out, { recursive: true });
  return Object.keys(files).map((name) => {
    const file = path.resolve(out, name);
    fs.writeFileSync(file, files[name]);
    return file;
  });
}
