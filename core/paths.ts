import fs from 'node:fs';
import path from 'node:path';

/** The project's root folder, found from this file whether it runs compiled (dist/…) or as TypeScript. */
export const PROJECT_ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || dir.endsWith(`${path.sep}dist`)) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the project root (package.json) above ' + __dirname);
    dir = parent;
  }
  return dir;
})();

export const SCHEMA_DIR = path.join(PROJECT_ROOT, 'schema');
export const SEEDS_DIR = path.join(PROJECT_ROOT, 'seeds');
