import { SuccessionRow } from './entities/succession';
import { KindHelpline } from './entities/kind-helpline';
import type { DataSource } from 'typeorm';
import { type LoaderReads, NO_SHARED_READS, type ReadSection } from '../_shared/shared-reads';
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
  shared: ReadSection,
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
    shared,
  );
}

export function createPartnersLoaders(db: DataSource, reads: LoaderReads = NO_SHARED_READS) {
  return {
    organisation: rowsByKey(db, Organisation, 'id', reads.section('organisation')),
    agreement: rowsByKey(db, Agreement, 'id', reads.section('agreement')),
    organisationsServing: coveringMunicipalities(db, Organisation, OrganisationMunicipality, 'organisation_id', 'e.name', reads.section('organisationsServing')),
    agreementsCovering: coveringMunicipalities(db, Agreement, AgreementMunicipality, 'agreement_id', 'e.title', reads.section('agreementsCovering')),
    sitesOfOrganisation: rowsGroupedBy(db, Site, 'organisationId', { kind: 'DESC', name: 'ASC' }, reads.section('sitesOfOrganisation')),
    sitesInMunicipality: rowsGroupedBy(db, Site, 'municipalityNis', { name: 'ASC' }, reads.section('sitesInMunicipality')),
    holdersOfPost: rowsGroupedBy(db, PostHolder, 'postId', { personName: 'ASC' }, reads.section('holdersOfPost')),
    postsOfOrganisation: rowsGroupedBy(db, Post, 'organisationId', { title: 'ASC' }, reads.section('postsOfOrganisation')),
    /** Both ends: a succession is listed on its predecessor and on its successor. */
    successionsOf: rowsAtEitherEnd(db, SuccessionRow, ['predecessorId', 'successorId'], undefined, reads.section('successionsOf')),
    /** Per municipality, the posts with a territory of their own (Post.serves) that cover it. */
    ownScopePostsCovering: rowsGroupedBy(db, PostMunicipality, 'municipalityNis', undefined, reads.section('ownScopePostsCovering')),
    helplinesOfKind: rowsGroupedBy(db, KindHelpline, 'kind', { organisationId: 'ASC' }, reads.section('helplinesOfKind')),
    /** Posts every organisation of a kind has ("elk Veilig Huis"), by kind. */
    postsOfKind: rowsGroupedBy(db, Post, 'organisationKind', { title: 'ASC' }, reads.section('postsOfKind')),
    partiesOfAgreement: rowsGroupedBy(db, AgreementParty, 'agreementId', { position: 'ASC' }, reads.section('partiesOfAgreement')),
    partiesOfOrganisation: rowsGroupedBy(db, AgreementParty, 'organisationId', undefined, reads.section('partiesOfOrganisation')),
    childrenOfAgreement: rowsGroupedBy(db, Agreement, 'parentId', { title: 'ASC' }, reads.section('childrenOfAgreement')),
  };
}

export type PartnersLoaders = ReturnType<typeof createPartnersLoaders>;
