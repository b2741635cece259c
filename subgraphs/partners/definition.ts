import { buildFederatedSchema } from '../_shared/federated-schema';
import type { SubgraphDefinition } from '../_shared/subgraph';
import { partnersPermissions } from './permissions';
import { Agreement, AgreementMunicipality, AgreementParty } from './entities/agreement';
import { Organisation, OrganisationMunicipality } from './entities/organisation';
import { Post, PostMunicipality } from './entities/post';
import { PostHolder } from './entities/post-holder';
import { AuditEntry, pruneAuditLog } from '../_shared/journal/audit-entry';
import { Site } from './entities/site';
import { type PartnersLoaders, createPartnersLoaders } from './loaders';
import { InitialPartners1764000000000 } from './migrations/1764000000000-initial-partners';
import { SitesPostsAgreements1764000001000 } from './migrations/1764000001000-sites-posts-agreements';
import { SitePostNotes1764000002000 } from './migrations/1764000002000-site-post-notes';
import {
  AgreementPartyResolver,
  ContactPointResolver,
  AgreementResolver,
  MunicipalityPartnersResolver,
  OrganisationResolver,
  PostResolver,
  SiteResolver,
  partnersReferenceResolvers,
} from './resolvers';
import { InstrumentCongruenceResolver, InstrumentRef, instrumentCongruenceReferenceResolver } from './congruence';
import { OrganisationListResolver } from './list';
import { Search1764000003000 } from './migrations/1764000003000-search';
import { PersonalDataAndAudit1764000004000 } from './migrations/1764000004000-personal-data-and-audit';
import { Editing1764000005000 } from './migrations/1764000005000-editing';
import { OwnerOnlyAuditPruning1764000009000 } from './migrations/1764000009000-owner-only-audit-pruning';
import { AuditLogReads1764000010000 } from './migrations/1764000010000-audit-log-reads';
import { AgreementPartyConfirmation1764000006000 } from './migrations/1764000006000-agreement-party-confirmation';
import { EditableRecordResolver } from '../_shared/journal/record-resolver';
import { RecordType } from '../_shared/journal/types';
import { OrganisationMutations } from './editing/organisations';
import { PostMutations } from './editing/posts';
import { AgreementMutations } from './editing/agreements';
import { FreshnessResolver } from './editing/freshness';
import { SiteMutations } from './editing/sites';
import { RegistryGapsResolver } from './gaps/resolver';
import { EditableSites1764000020000 } from './migrations/1764000020000-editable-sites';
import { ChangeFeedResolver } from './editing/changes';
import { AgreementTextResolver, AuditLogResolver, PostHoldersResolver, partnersScopeChecks } from './personal-data';
import { SearchResolver } from './search';
import { ProtocolAnswerResolver, ProtocolQuestionRef, protocolReferenceResolvers } from './protocols';
import { ReachChannelResolver, ServiceContactResolver, WhoIsWhoCard, WhoIsWhoPartnersResolver, whoIsWhoPartnersReferenceResolver } from './who-is-who';
import { ACCESS_REFUSALS_PATH } from '../../core/auth/access-refusals';
import { recordAccessRefusals } from './access-refusals';
import { AccessRefusals1764000012000 } from './migrations/1764000012000-access-refusals';
import { KindHelplines1764000019000 } from './migrations/1764000019000-kind-helplines';
import { KindHelpline } from './entities/kind-helpline';
import { PartnerTerm, Phenomenon } from './entities/vocabulary';
import { VocabularyResolver } from './vocabulary';
import { Vocabularies1764000029000 } from './migrations/1764000029000-vocabularies';
import { PostScope1764000018000 } from './migrations/1764000018000-post-scope';
import { OrganisationSuccession1764000016000 } from './migrations/1764000016000-organisation-succession';
import { SuccessionRow } from './entities/succession';
import { SuccessionOrganisationResolver, SuccessionResolver } from './succession';
import { KindsNotOrganisations1764000015000 } from './migrations/1764000015000-kinds-not-organisations';
import { PartialDates1764000013000 } from './migrations/1764000013000-partial-dates';
import { validityResolver } from '../_shared/validity-types';
import { nonceTableMigration } from '../_shared/auth/nonce-store';
import { journalFeedRoute } from '../_shared/journal/feed-route';

export const partners: SubgraphDefinition<PartnersLoaders> = {
  name: 'partners',
  schema: 'partners',
  entities: [Organisation, OrganisationMunicipality, Site, Post, PostHolder, AuditEntry, Agreement, AgreementParty, AgreementMunicipality, SuccessionRow, PostMunicipality, KindHelpline, Phenomenon, PartnerTerm],
  migrations: [
    InitialPartners1764000000000, SitesPostsAgreements1764000001000, SitePostNotes1764000002000, Search1764000003000, PersonalDataAndAudit1764000004000,
    Editing1764000005000, AgreementPartyConfirmation1764000006000, OwnerOnlyAuditPruning1764000009000, AuditLogReads1764000010000, nonceTableMigration('partners'),
    AccessRefusals1764000012000, PartialDates1764000013000, KindsNotOrganisations1764000015000, OrganisationSuccession1764000016000, PostScope1764000018000,
    KindHelplines1764000019000, EditableSites1764000020000, Vocabularies1764000029000,
  ],
  internalRoutes: { [ACCESS_REFUSALS_PATH]: recordAccessRefusals, ...journalFeedRoute('partners') },
  buildSchema: () =>
    buildFederatedSchema({
      build: {
        resolvers: [
          OrganisationResolver, SuccessionResolver, SuccessionOrganisationResolver, ContactPointResolver, SiteResolver, PostResolver, AgreementResolver, AgreementPartyResolver,
          MunicipalityPartnersResolver, WhoIsWhoPartnersResolver, ServiceContactResolver, ReachChannelResolver, ProtocolAnswerResolver, VocabularyResolver, OrganisationListResolver, SearchResolver,
          PostHoldersResolver, AgreementTextResolver, AuditLogResolver, InstrumentCongruenceResolver,
          OrganisationMutations, PostMutations, SiteMutations, AgreementMutations, FreshnessResolver, ChangeFeedResolver, RegistryGapsResolver,
          // Contact points' sources count too: confirming an organisation's phone number confirms the organisation.
          EditableRecordResolver(Organisation, RecordType.ORGANISATION, 'partners', (o) => [...o.sources, ...o.contactPoints.flatMap((c) => c.sources)]),
          EditableRecordResolver(Post, RecordType.POST, 'partners'),
          EditableRecordResolver(PostHolder, RecordType.POST_HOLDER, 'partners'),
          EditableRecordResolver(Agreement, RecordType.AGREEMENT, 'partners'),
          EditableRecordResolver(Site, RecordType.SITE, 'partners'),
          ...[Organisation, Post, Agreement, Site].map(validityResolver),
        ],
        // Entities this subgraph only extends: no query of its own returns them.
        orphanedTypes: [WhoIsWhoCard, ProtocolQuestionRef, InstrumentRef],
      },
      referenceResolvers: { ...partnersReferenceResolvers, ...whoIsWhoPartnersReferenceResolver, ...protocolReferenceResolvers, ...instrumentCongruenceReferenceResolver },
      permissions: partnersPermissions,
      scopeChecks: partnersScopeChecks,
    }),
  createLoaders: createPartnersLoaders,
  onStart: pruneAuditLog('partners'),
};
