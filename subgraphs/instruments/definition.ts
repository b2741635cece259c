import { buildFederatedSchema } from '../_shared/federated-schema';
import type { SubgraphDefinition } from '../_shared/subgraph';
import { instrumentsPermissions } from './permissions';
import { Case, Instrument, InstrumentFigure, ServAbsence, ServClassification } from './entities/instrument';
import { type InstrumentsLoaders, createInstrumentsLoaders } from './loaders';
import { InitialInstruments1764000000000 } from './migrations/1764000000000-initial-instruments';
import { InstrumentNote1764000002000 } from './migrations/1764000002000-instrument-note';
import { Editing1764000005000 } from './migrations/1764000005000-editing';
import { OwnerOnlyAuditPruning1764000009000 } from './migrations/1764000009000-owner-only-audit-pruning';
import { EditableRecordResolver } from '../_shared/journal/record-resolver';
import { RecordType } from '../_shared/journal/types';
import { InstrumentEditingResolver } from './editing/classifications';
import { AuditEntry, pruneAuditLog } from '../_shared/journal/audit-entry';
import { InstrumentListResolver } from './list';
import { InstrumentResolver, InstrumentRelationResolver, OrganisationInstrumentsResolver, instrumentsReferenceResolvers } from './resolvers';
import { SynthesisResolver } from './synthesis';
import { InstrumentAgreement1764000017000 } from './migrations/1764000017000-instrument-agreement';
import { InstrumentRelations1764000014000 } from './migrations/1764000014000-instrument-relations';
import { InstrumentRelationRow } from './entities/instrument-relation';
import { PartialDates1764000013000 } from './migrations/1764000013000-partial-dates';
import { validityResolver } from '../_shared/validity-types';
import { nonceTableMigration } from '../_shared/auth/nonce-store';
import { journalFeedRoute } from '../_shared/journal/feed-route';

export const instruments: SubgraphDefinition<InstrumentsLoaders> = {
  name: 'instruments',
  schema: 'instruments',
  entities: [Case, Instrument, ServClassification, ServAbsence, InstrumentFigure, AuditEntry, InstrumentRelationRow],
  migrations: [InitialInstruments1764000000000, InstrumentNote1764000002000, Editing1764000005000, OwnerOnlyAuditPruning1764000009000, nonceTableMigration('instruments'), PartialDates1764000013000, InstrumentRelations1764000014000, InstrumentAgreement1764000017000],
  internalRoutes: journalFeedRoute('instruments'),
  buildSchema: () =>
    buildFederatedSchema({
      build: {
        resolvers: [
          InstrumentResolver, InstrumentRelationResolver, OrganisationInstrumentsResolver, SynthesisResolver, InstrumentListResolver, InstrumentEditingResolver,
          EditableRecordResolver(Instrument, RecordType.INSTRUMENT, 'instruments'),
          validityResolver(Instrument),
        ],
      },
      referenceResolvers: instrumentsReferenceResolvers,
      permissions: instrumentsPermissions,
    }),
  createLoaders: createInstrumentsLoaders,
  onStart: pruneAuditLog('instruments'),
};
