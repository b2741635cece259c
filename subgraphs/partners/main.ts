import { runSubgraphMain } from '../_shared/main';
import { partners } from './definition';

runSubgraphMain(partners);
