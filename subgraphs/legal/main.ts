import { runSubgraphMain } from '../_shared/main';
import { legal } from './definition';

runSubgraphMain(legal);
