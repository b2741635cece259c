import { runSubgraphMain } from '../_shared/main';
import { territory } from './definition';

runSubgraphMain(territory);
