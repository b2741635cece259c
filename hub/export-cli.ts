import { parseArgs } from 'node:util';
import { loadConfig } from '../core/config';
import { createLogger } from '../core/logger';
import { failStartup } from '../core/process';
import { gatherExportData } from './export/gather';
import { fetchGapReport, gapCsvFiles } from './export/gaps';
import { EXPORT_FORMATS, type ExportFormat, writeExport, writeFiles } from './export/write';
import { signDevToken } from './dev-token';
import { startHub } from './hub';

const USAGE = `Usage: npm run export -- --format <csv|jsonld|turtle|graphml|all|gaps> [--out <folder or file>] [--endpoint <gateway /graphql URL>]
       [--token <admin token>] [--organisation <id>] [--freshness-days <days>]

Starts the hub in-process on its database (the embedded one, or DATABASE_URL) like \`npm start\`, on free ports,
reads everything through its public GraphQL API, writes the export and stops the hub again.
With --endpoint it reads from an already running hub instead (for example http://localhost:4000/graphql).
--out defaults to ./export (a folder); a path ending in .jsonld, .ttl or .graphml writes that one file.
Record URIs in the Linked Data start with PUBLIC_BASE_URL (default: the hub's own address).

--format gaps writes the gap report (what the registry does not know) as gaps.csv (one gap per row),
gap-totals.csv and gap-municipalities.csv. It is for admins: in-process the tool signs its own development admin
token; with --endpoint give --token (or KETENKAART_TOKEN). --organisation limits it to one organisation,
--freshness-days sets the confirmation window (default 365).`;

class UsageError extends Error {}

(async () => {
  let args;
  try {
    args = parseArgs({
      options: {
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        endpoint: { type: 'string' },
        token: { type: 'string' },
        organisation: { type: 'string' },
        'freshness-days': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${USAGE}`);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const format = args.format;
  const choices = [...EXPORT_FORMATS, 'all', 'gaps'];
  if (!format || !choices.includes(format)) {
    throw new UsageError(`--format must be one of ${choices.join(', ')}${format ? ` (got "${format}")` : ''}.\n\n${USAGE}`);
  }
  const freshnessDays = args['freshness-days'] === undefined ? 365 : Number(args['freshness-days']);
  if (!Number.isInteger(freshnessDays) || freshnessDays < 0) throw new UsageError(`--freshness-days takes a whole number of days (got "${args['freshness-days']}").\n\n${USAGE}`);
  let token = args.token ?? process.env.KETENKAART_TOKEN;
  if (format === 'gaps' && args.endpoint && !token) throw new UsageError(`--format gaps with --endpoint needs an admin token: --token or KETENKAART_TOKEN.\n\n${USAGE}`);
  const formats: ExportFormat[] = format === 'all' ? [...EXPORT_FORMATS] : format === 'gaps' ? [] : [format as ExportFormat];
  const out = args.out ?? 'export';
  if (formats.length > 1 && /\.(jsonld|ttl|graphml|json|xml)$/i.test(out)) throw new UsageError('--format all writes several files: give --out a folder.');

  const say = (line: string) => console.error(line);
  let endpoint = args.endpoint;
  // Record URIs are named under the public base (PUBLIC_BASE_URL); without it, under the hub's own address.
  const publicBaseUrl = process.env.PUBLIC_BASE_URL;
  let stop = async () => undefined as void;
  if (!endpoint) {
    const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env, GATEWAY_PORT: '0', PARTNERS_PORT: '0', LEGAL_PORT: '0', TERRITORY_PORT: '0', INSTRUMENTS_PORT: '0' });
    say('export: starting the hub in-process…');
    const hub = await startHub(config, { log: say, logger: createLogger('export', config.logLevel) });
    endpoint = hub.gateway.url;
    stop = () => hub.stop();
    // The gap report is for admins: the tool that started the hub signs its own short-lived development token.
    if (format === 'gaps' && !token) token = await signDevToken(config, { role: 'ADMIN' }, { subject: 'export-cli', expires: '10m' });
  }
  try {
    if (format === 'gaps') {
      say(`export: reading the gap report from ${endpoint}…`);
      const report = await fetchGapReport(endpoint, { headers: { authorization: `Bearer ${token}` }, organisationId: args.organisation, freshnessDays });
      say(`export: ${report.records.length} records with ${report.records.reduce((n, r) => n + r.gaps.length, 0)} gaps`);
      for (const file of writeFiles(gapCsvFiles(report), out)) console.log(file);
      return;
    }
    say(`export: reading ${endpoint}…`);
    const data = await gatherExportData(endpoint, { publicBaseUrl });
    say(`export: ${data.organisations.length} organisations, ${data.posts.length} posts, ${data.instruments.length} instruments, ` +
      `${data.legalBases.length} legal bases, ${data.municipalities.length} municipalities, ${data.agreements.length} agreements`);
    for (const f of formats) for (const file of await writeExport(f, data, out, { base: data.publicBaseUrl })) console.log(file);
  } finally {
    await stop();
  }
})().catch((err) => {
  if (err instanceof UsageError) {
    console.error(err.message);
    process.exit(2);
  }
  failStartup(err);
});
