import type { DataSource } from 'typeorm';
import { type LoaderReads, NO_SHARED_READS } from '../_shared/shared-reads';
import { groupLoader, rowsByKey, rowsGroupedBy } from '../_shared/loaders';
import { Municipality } from './entities/municipality';
import {
  AdministrativeArrondissement,
  Eerstelijnszone,
  JudicialArrondissement,
  JudicialDivision,
  PoliceZone,
  Province,
} from './entities/named-area';
import { Postcode } from './entities/postcode';
import { ServiceRegion, UnsettledArea } from './entities/service-region';

export type RegionOfMunicipality = ServiceRegion & { municipalityNis: string };

export function createTerritoryLoaders(db: DataSource, reads: LoaderReads = NO_SHARED_READS) {
  return {
    municipality: rowsByKey(db, Municipality, 'nis', reads.section('municipality')),
    province: rowsByKey(db, Province, 'id', reads.section('province')),
    arrondissement: rowsByKey(db, AdministrativeArrondissement, 'id', reads.section('arrondissement')),
    policeZone: rowsByKey(db, PoliceZone, 'id', reads.section('policeZone')),
    eerstelijnszone: rowsByKey(db, Eerstelijnszone, 'id', reads.section('eerstelijnszone')),
    judicialArrondissement: rowsByKey(db, JudicialArrondissement, 'id', reads.section('judicialArrondissement')),
    judicialDivision: rowsByKey(db, JudicialDivision, 'id', reads.section('judicialDivision')),
    unsettledOfMunicipality: rowsGroupedBy(db, UnsettledArea, 'municipalityNis', { kind: 'ASC' }, reads.section('unsettledOfMunicipality')),
    postcodesOfMunicipality: rowsGroupedBy(db, Postcode, 'municipalityNis', { postcode: 'ASC', locality: 'ASC' }, reads.section('postcodesOfMunicipality')),
    /**
     * For an unsettled area (key `<kind>|<nis>`): the regions of that kind in the municipality's province, one of
     * which may serve it. What the registry knows, not a guess at which.
     */
    candidateRegions: groupLoader<string, ServiceRegion & { key: string }>(
      (keys) =>
        db.query(
          `SELECT DISTINCT r.id, r.kind, r.name, r.valid_from AS "validFrom", r.valid_to AS "validTo", r.valid_from_edtf AS "validFromEdtf", r.valid_from_planned AS "validFromPlanned", r.valid_to_edtf AS "validToEdtf", r.valid_to_planned AS "validToPlanned", r.defined_as AS "definedAs", r.unconfirmed, r.note, r.sources,
                  k.key
             FROM unnest($1::text[]) AS k(key)
             JOIN territory.municipality asked ON asked.nis = split_part(k.key, '|', 2)
             JOIN territory.municipality other ON other.province_id = asked.province_id
             JOIN territory.service_region_member m ON m.municipality_nis = other.nis
             JOIN territory.service_region r ON r.id = m.region_id AND r.kind = split_part(k.key, '|', 1)
            ORDER BY r.name`,
          [keys],
        ),
      (row) => row.key,
      reads.section('candidateRegions'),
    ),
    regionsOfMunicipality: groupLoader<string, RegionOfMunicipality>(
      (keys) =>
        db.query(
          `SELECT r.id, r.kind, r.name, r.valid_from AS "validFrom", r.valid_to AS "validTo", r.valid_from_edtf AS "validFromEdtf", r.valid_from_planned AS "validFromPlanned", r.valid_to_edtf AS "validToEdtf", r.valid_to_planned AS "validToPlanned", r.defined_as AS "definedAs", r.unconfirmed, r.note, r.sources,
                  m.municipality_nis AS "municipalityNis"
             FROM territory.service_region_member m JOIN territory.service_region r ON r.id = m.region_id
            WHERE m.municipality_nis = ANY($1) ORDER BY r.kind, r.name`,
          [keys],
        ),
      (row) => row.municipalityNis,
      reads.section('regionsOfMunicipality'),
    ),
  };
}

export type TerritoryLoaders = ReturnType<typeof createTerritoryLoaders>;
