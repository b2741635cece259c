import { SuccessionRow } from './entities/succession';
import { KindHelpline } from './entities/kind-helpline';
import type { DataSource } from 'typeorm';
import { groupLoader, rowsAtEitherEnd, rowsByKey, rowsGroupedBy } from '../_shared/loaders';
import { Agreement, AgreementMunicipality, AgreementParty } from './entities/agreement';
import { Organisation, OrganisationMunicipality } from './entities/organisation';
import { Post, PostMunicipality } from './entities/post';
import { PostHolder } from './entities/post-holder';
import { Site } from './entities/site';

type WithMunicipality<T> = T & { municipalityNis: string };

/**
 * Rows of `entity` joined to a `<entity>_municipality` coverage table, for many municipalities in one
 * statement: the coverage tables hold each record's territory expanded to municipalities at load time.
 */
function coveringMunicipalities<E extends object>(
  db: DataSource,
  entity: new () => E,
  coverage: Function,
  joinColumn: string,
  order: string,
) {
  const repo = db.getRepository(entity);
  return groupLoader<string, WithMunicipality<E>>(
    async (nisCodes) => {
      const rows = await repo
        .createQueryBuilder('e')
        .innerJoin(coverage, 'c', `c.${joinColumn} = e.id`)
        .addSelect('c.municipality_nis', 'municipality_nis')
        .where('c.municipality_nis = ANY(:nis)', { nis: nisCodes })
        .orderBy(order)
        .getRawAndEntities();
      return rows.entities.map((e, i) => Object.assign(e, { municipalityNis: rows.raw[i].municipality_nis as string }));
    },
    (row) => row.municipalityNis,
  );
}

export function createPartnersLoaders(db: DataSource) {
  return {
    organisation: rowsByKey(db, Organisation, 'id'),
    agreement: rowsByKey(db, Agreement, 'id'),
    organisationsServing: coveringMunicipalities(db, Organisation, OrganisationMunicipality, 'organisation_id', 'e.name'),
    agreementsCovering: coveringMunicipalities(db, Agreement, AgreementMunicipality, 'agreement_id', 'e.title'),
    sitesOfOrganisation: rowsGroupedBy(db, Site, 'organisationId', { kind: 'DESC', name: 'ASC' }),
    sitesInMunicipality: rowsGroupedBy(db, Site, 'municipalityNis', { name: 'ASC' }),
    holdersOfPost: rowsGroupedBy(db, PostHolder, 'postId', { personName: 'ASC' }),
    postsOfOrganisation: rowsGroupedBy(db, Post, 'organisationId', { title: 'ASC' }),
    /** Both ends: a succession is listed on its predecessor and on its successor. */
    successionsOf: rowsAtEitherEnd(db, SuccessionRow, ['predecessorId', 'successorId']),
    /** Per municipality, the posts with a territory of their own (Post.serves) that cover it. */
    ownScopePostsCovering: rowsGroupedBy(db, PostMunicipality, 'municipalityNis'),
    helplinesOfKind: rowsGroupedBy(db, KindHelpline, 'kind', { organisationId: 'ASC' }),
    /** Posts every organisation of a kind has ("elk Veilig Huis"), by kind. */
    postsOfKind: rowsGroupedBy(db, Post, 'organisationKind', { title: 'ASC' }),
    partiesOfAgreement: rowsGroupedBy(db, AgreementParty, 'agreementId', { position: 'ASC' }),
    partiesOfOrganisation: rowsGroupedBy(db, AgreementParty, 'organisationId'),
    childrenOfAgreement: rowsGroupedBy(db, Agreement, 'parentId', { title: 'ASC' }),
  };
}

export type PartnersLoaders = ReturnType<typeof createPartnersLoaders>;
