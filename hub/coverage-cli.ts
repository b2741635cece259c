import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../core/config';
import { createLogger } from '../core/logger';
import { PROJECT_ROOT } from '../core/paths';
import { failStartup } from '../core/process';
import { signDevToken } from './dev-token';
import { renderCoverage, withCoverage } from './export/coverage';
import { fetchGapReport } from './export/gaps';
import { freePort } from './free-port';
import { startHub } from './hub';

const USAGE = `Usage: npm run docs:coverage [-- --check]

Loads the seed files into a fresh embedded database of its own (a temporary folder, a free port: your own
database and a running hub are left alone), asks the gap report as admin, and rewrites the coverage block of
docs/data.md. With --check it changes nothing and fails when docs/data.md is not what the data gives.`;

const DOC = path.join(PROJECT_ROOT, 'docs', 'data.md');

(async () => {
  const args = parseArgs({ options: { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketenkaart-coverage-'));
  const { DATABASE_URL: _d, DATABASE_OWNER_URL: _o, ...env } = process.env;
  const config = loadConfig({
    LOG_LEVEL: 'warn', ...env, NODE_ENV: 'development', KETENKAART_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()),
    GATEWAY_PORT: '0', PARTNERS_PORT: '0', LEGAL_PORT: '0', TERRITORY_PORT: '0', INSTRUMENTS_PORT: '0',
  });
  const say = (line: string) => console.error(line);
  say('coverage: loading the seed data into a fresh database…');
  const hub = await startHub(config, { log: () => undefined, logger: createLogger('coverage', config.logLevel) });
  try {
    const token = await signDevToken(config, { role: 'ADMIN' }, { subject: 'docs-coverage', expires: '10m' });
    const report = await fetchGapReport(hub.gateway.url, { headers: { authorization: `Bearer ${token}` } });
    const current = fs.readFileSync(DOC, 'utf8');
    const next = withCoverage(current, renderCoverage(report));
    if (args.check) {
      if (next !== current) {
        console.error('docs/data.md: the coverage table is not what the data gives; run `npm run docs:coverage`.');
        process.exitCode = 1;
      } else say('coverage: docs/data.md is up to date');
    } else if (next !== current) {
      fs.writeFileSync(DOC, next);
      console.log(DOC);
    } else say('coverage: docs/data.md was already up to date');
  } finally {
    await hub.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
})().catch(failStartup);
