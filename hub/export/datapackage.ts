import type { DatasetDescription } from './dataset-version';

/**
 * The Frictionless Data Package descriptor (datapackage.json) of the CSV export: the dataset description as the
 * package's own properties (name, version, created, sources, licences) and one resource per table.
 * Spec: https://specs.frictionlessdata.io/data-package/ (properties not in the spec are prefixed `ketenkaart:`).
 */

export interface PackageResource {
  name: string;
  path: string;
  schema?: unknown;
  [key: string]: unknown;
}

export function dataPackage(d: DatasetDescription, resources: PackageResource[]): Record<string, unknown> {
  return {
    // Data Package v1 (https://specs.frictionlessdata.io/): what Frictionless tools in Python, R and JavaScript all read.
    profile: 'tabular-data-package',
    name: 'ketenkaart',
    id: d.uri ?? `ketenkaart-${d.version}`,
    title: d.title,
    description: d.description,
    version: d.version,
    created: d.exportedOn,
    // Only a licence the sources settle is stated as one; otherwise the licence is unknown, with its reason.
    ...(d.licence.status === 'KNOWN' ? { licenses: d.licence.parts.map((p) => ({ name: p.licence, path: p.url, title: p.part })) } : {}),
    sources: [
      ...d.documents.map((doc) => ({ title: doc.title, path: doc.file, ...(doc.date ? { version: doc.date } : {}) })),
      ...d.datasets.map((dataset) => ({ title: dataset })),
    ],
    'ketenkaart:contentHash': d.contentHash,
    'ketenkaart:dataDate': d.dataDate,
    'ketenkaart:hubVersion': d.hubVersion,
    'ketenkaart:licence': d.licence,
    'ketenkaart:webSourceCount': d.webSourceCount,
    'ketenkaart:citation': d.citation,
    resources,
  };
}
