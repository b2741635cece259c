import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { SourceRecord } from '../../subgraphs/_shared/graphql-types';
import { SEEDS_DIR } from '../../core/paths';
import { nameKey, slugify } from '../../core/text';

/**
 * The territory reference data (municipalities of 1 January 2025 with their province, arrondissement, police
 * zone and eerstelijnszone; postcodes; the 2025 mergers) read from the CSV files in seeds/territory/reference,
 * every row cited by file and row.
 */

const REFERENCE_DIR = path.join(SEEDS_DIR, 'territory', 'reference');

function readCsv(file: string, delimiter = ','): Array<Record<string, string>> {
  return parse(fs.readFileSync(path.join(REFERENCE_DIR, file), 'utf8'), { columns: true, delimiter, skip_empty_lines: true, trim: true });
}

const cite = (dataset: string, locator: string): SourceRecord[] => [{ dataset, locator }];

export interface MunicipalityRow {
  nis: string;
  name: string;
  nameKey: string;
  region: 'FLANDERS' | 'BRUSSELS';
  provinceId: string | null;
  arrondissementId: string;
  policeZoneId: string;
  eerstelijnszoneId: string;
  sources: SourceRecord[];
}
export interface AreaRow {
  id: string;
  name: string;
  nis?: string;
  provinceId?: string | null;
  sources: SourceRecord[];
}
export interface PostcodeRow {
  postcode: string;
  municipalityNis: string;
  locality: string;
  sources: SourceRecord[];
}
export interface FormerMunicipalityRow {
  nis: string;
  name: string;
  nameKey: string;
  successorNis: string;
  sources: SourceRecord[];
}

export interface TerritoryReference {
  municipalities: MunicipalityRow[];
  provinces: AreaRow[];
  arrondissements: AreaRow[];
  policeZones: AreaRow[];
  eerstelijnszones: AreaRow[];
  postcodes: PostcodeRow[];
  formerMunicipalities: FormerMunicipalityRow[];
}

export const policeZoneId = (name: string) => `pz-${slugify(name.replace(/^PZ\s+/i, ''))}`;
export const eerstelijnszoneId = (name: string) => `elz-${slugify(name)}`;

export function readTerritoryReference(): TerritoryReference {
  const MUNI = 'gemeenten_2025_vlaanderen_brussel.csv';
  const provinces = new Map<string, AreaRow>();
  const arrondissements = new Map<string, AreaRow>();
  const policeZones = new Map<string, AreaRow>();
  const eerstelijnszones = new Map<string, AreaRow>();
  const municipalities: MunicipalityRow[] = [];

  for (const row of readCsv(MUNI)) {
    const src = cite(MUNI, `nis_code ${row.nis_code}`);
    const brussels = row.gewest_nis === '4000';
    const provinceId = brussels ? null : `prov-${row.provincie_nis}`;
    if (provinceId && !provinces.has(provinceId)) provinces.set(provinceId, { id: provinceId, nis: row.provincie_nis, name: row.provincie_naam.replace(/ \(Prov\.\)$/, ''), sources: src });
    const arrId = `arr-${row.arrondissement_nis}`;
    if (!arrondissements.has(arrId)) arrondissements.set(arrId, { id: arrId, nis: row.arrondissement_nis, name: row.arrondissement_naam.replace(/ \(Arr\.\)$/, ''), provinceId, sources: src });
    const pz = policeZoneId(row.politiezone_naam);
    if (!policeZones.has(pz)) policeZones.set(pz, { id: pz, name: row.politiezone_naam, sources: src });
    const elz = eerstelijnszoneId(row.elz_naam);
    if (!eerstelijnszones.has(elz)) eerstelijnszones.set(elz, { id: elz, name: row.elz_naam, sources: src });
    municipalities.push({
      nis: row.nis_code,
      name: row.gemeente_naam,
      nameKey: nameKey(row.gemeente_naam),
      region: brussels ? 'BRUSSELS' : 'FLANDERS',
      provinceId,
      arrondissementId: arrId,
      policeZoneId: pz,
      eerstelijnszoneId: elz,
      sources: src,
    });
  }

  const POST = 'best_postcodes_vlaanderen_brussel.csv';
  const postcodes = readCsv(POST).map((row) => ({
    postcode: row.postcode,
    municipalityNis: row.nis_code,
    locality: row.plaatsnaam_nl,
    sources: cite(POST, `postcode ${row.postcode}, ${row.plaatsnaam_nl}`),
  }));

  const MERGE = 'pii_gemeente2024_naar_gemeente2025.csv';
  const formerMunicipalities = readCsv(MERGE)
    .filter((row) => row.gemeente2024_nis !== row.gemeente2025_nis && !row.gemeente2024_nis.startsWith('9999'))
    .map((row) => ({
      nis: row.gemeente2024_nis,
      name: row.gemeente2024_naam,
      nameKey: nameKey(row.gemeente2024_naam),
      successorNis: row.gemeente2025_nis,
      sources: cite(MERGE, `gemeente2024_nis ${row.gemeente2024_nis}`),
    }));

  return {
    municipalities,
    provinces: [...provinces.values()],
    arrondissements: [...arrondissements.values()],
    policeZones: [...policeZones.values()],
    eerstelijnszones: [...eerstelijnszones.values()],
    postcodes,
    formerMunicipalities,
  };
}
