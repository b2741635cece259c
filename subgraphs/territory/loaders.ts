import type { DataSource } from 'typeorm';
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

export function createTerritoryLoaders(db: DataSource) {
  return {
    municipality: rowsByKey(db, Municipality, 'nis'),
    province: rowsByKey(db, Province, 'id'),
    arrondissement: rowsByKey(db, AdministrativeArrondissement, 'id'),
    policeZone: rowsByKey(db, PoliceZone, 'id'),
    eerstelijnszone: rowsByKey(db, Eerstelijnszone, 'id'),
    judicialArrondissement: rowsByKey(db, JudicialArrondissement, 'id'),
    judicialDivision: rowsByKey(db, JudicialDivision, 'id'),
    unsettledOfMunicipality: rowsGroupedBy(db, UnsettledArea, 'municipalityNis', { kind: 'ASC' }),
    postcodesOfMunicipality: rowsGroupedBy(db, Postcode, 'municipalityNis', { postcode: 'ASC', locality: 'ASC' }),
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
    ),
  };
}

export type TerritoryLoaders = ReturnType<typeof createTerritoryLoaders>;
