import type { SubgraphDefinition } from './_shared/subgraph';
import { instruments } from './instruments/definition';
import { legal } from './legal/definition';
import { partners } from './partners/definition';
import { territory } from './territory/definition';

/** All subgraphs, in the order they are started and composed. */
// Each definition has its own loader type; callers that treat them alike only pass the loaders through.
export const SUBGRAPHS: ReadonlyArray<SubgraphDefinition<any>> = [territory, legal, partners, instruments];
