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
