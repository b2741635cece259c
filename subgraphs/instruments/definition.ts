import { buildFederatedSchema } from '../_shared/federated-schema';
import type { SubgraphDefinition } from '../_shared/subgraph';
import { instrumentsPermissions } from './permissions';
import { Case, Instrument, InstrumentFigure, ServAbsence, ServClassification } from './entities/instrument';
import { type InstrumentsLoaders, createInstrumentsLoaders } from './loaders';
import { InitialInstruments1764000000000 } from './migrations/1764000000000-initial-instruments';
import { InstrumentNote1764000002000 } from './migrations/1764000002000-instrument-note';
import { InstrumentListResolver } from './list';
import { InstrumentResolver, OrganisationInstrumentsResolver, instrumentsReferenceResolvers } from './resolvers';
import { SynthesisResolver } from './synthesis';

export const instruments: SubgraphDefinition<InstrumentsLoaders> = {
  name: 'instruments',
  schema: 'instruments',
  entities: [Case, Instrument, ServClassification, ServAbsence, InstrumentFigure],
  migrations: [InitialInstruments1764000000000, InstrumentNote1764000002000],
  buildSchema: () =>
    buildFederatedSchema({
      build: { resolvers: [InstrumentResolver, OrganisationInstrumentsResolver, SynthesisResolver, InstrumentListResolver] },
      referenceResolvers: instrumentsReferenceResolvers,
      permissions: instrumentsPermissions,
    }),
  createLoaders: createInstrumentsLoaders,
};
