import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA_DIR } from '../core/paths';

/** The committed supergraph, composed from the subgraphs' committed SDL by `npm run schema`. */
export const SUPERGRAPH_PATH = path.join(SCHEMA_DIR, 'supergraph.graphql');

export function readSupergraph(file = SUPERGRAPH_PATH): string {
  if (!fs.existsSync(file)) {
    throw Object.assign(new Error(`the supergraph ${file} is missing: run \`npm run schema\` to compose it.`), { userFacing: true });
  }
  return fs.readFileSync(file, 'utf8');
}
