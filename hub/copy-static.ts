import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../core/paths';

/**
 * The build's second step, after tsc: copies every `static/` folder under gateway/ (the pages' HTML, CSS and
 * browser scripts, ordinary source files) to the same place under dist/, beside the module that serves it.
 */
function staticFolders(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory() || entry.name === 'node_modules') return [];
    const full = path.join(dir, entry.name);
    return entry.name === 'static' ? [full] : staticFolders(full);
  });
}

const copied = staticFolders(path.join(PROJECT_ROOT, 'gateway')).map((from) => {
  const to = path.join(PROJECT_ROOT, 'dist', path.relative(PROJECT_ROOT, from));
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true, filter: (file) => !file.endsWith('tsconfig.json') });
  return path.relative(PROJECT_ROOT, from);
});
if (!copied.length) {
  console.error('copy-static: no static/ folder under gateway/: the pages would have no files');
  process.exit(1);
}
