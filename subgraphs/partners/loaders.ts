import type { DataSource } from 'typeorm';
import { groupLoader, rowsByKey } from '../_shared/loaders';
import { Organisation, OrganisationMunicipality } from './entities/organisation';

export type OrganisationOfMunicipality = Organisation & { municipalityNis: string };

export function createPartnersLoaders(db: DataSource) {
  const organisations = db.getRepository(Organisation);
  return {
    organisation: rowsByKey(db, Organisation, 'id'),
    organisationsServing: groupLoader<string, OrganisationOfMunicipality>(
      async (nisCodes) => {
        // One statement for every municipality in the request: the join table carries the expanded coverage.
        const rows = await organisations
          .createQueryBuilder('o')
          .innerJoin(OrganisationMunicipality, 'om', 'om.organisation_id = o.id')
          .addSelect('om.municipality_nis', 'municipality_nis')
          .where('om.municipality_nis = ANY(:nis)', { nis: nisCodes })
          .orderBy('o.kind')
          .addOrderBy('o.name')
          .getRawAndEntities();
        return rows.entities.map((o, i) => Object.assign(o, { municipalityNis: rows.raw[i].municipality_nis as string }));
      },
      (row) => row.municipalityNis,
    ),
  };
}

export type PartnersLoaders = ReturnType<typeof createPartnersLoaders>;
