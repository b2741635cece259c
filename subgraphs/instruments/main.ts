import { runSubgraphMain } from '../_shared/main';
import { instruments } from './definition';

runSubgraphMain(instruments);
