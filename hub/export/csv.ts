import { dataPackage } from './datapackage';
import { datasetDescription } from './dataset-version';
import type { ExportData } from './gather';
import { networkTables } from './network-csv';
import { type Cell, type Table, exportTables } from './tables';

/**
 * The CSV export: the tidy tables (tables.ts) and the network's node and edge lists (network-csv.ts), each
 * RFC 4180 (comma-separated, double-quoted where needed, CRLF line ends, UTF-8 without BOM), described by one
 * Frictionless data package, datapackage.json.
 */

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(headers: string[], rows: Cell[][]): string {
  return [headers, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export interface CsvFile {
  name: string;
  headers: string[];
  rows: Cell[][];
}

/** Every table of the CSV export, with its Table Schema. */
export function allTables(data: ExportData): Table[] {
  return [...exportTables(data), ...networkTables(data)];
}

export function csvTables(data: ExportData): CsvFile[] {
  return allTables(data).map((t) => ({ name: t.name, headers: t.fields.map((f) => f.name), rows: t.rows }));
}

/** File name → CSV text, and the datapackage.json that describes them. */
export function toCsvFiles(data: ExportData): Record<string, string> {
  const tables = allTables(data);
  const resources = tables.map((t) => ({
    name: t.name.replace(/\.csv$/, ''),
    path: t.name,
    title: t.title,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    profile: 'tabular-data-resource',
    dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
    schema: {
      fields: t.fields,
      missingValues: [''],
      ...(t.primaryKey ? { primaryKey: t.primaryKey } : {}),
      ...(t.foreignKeys?.length ? { foreignKeys: t.foreignKeys } : {}),
    },
  }));
  return {
    ...Object.fromEntries(tables.map((t) => [t.name, toCsv(t.fields.map((f) => f.name), t.rows)])),
    'datapackage.json': JSON.stringify(dataPackage(datasetDescription(data), resources), null, 2) + '\n',
  };
}
