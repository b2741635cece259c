import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../core/config';
import { SEEDS_DIR } from '../core/paths';
import { failStartup } from '../core/process';
import { startEmbeddedDatabase } from './embedded-database';
import { migrateAll } from './hub';
import { DatabaseLostError, isConnectionLoss, loadValidatedSeeds, validateSeeds } from './seed';

const USAGE = `Usage: npm run seed -- [--dir <folder>] [--check]

Validates the seed files, applies the migrations and the services' grants, then loads the seed files, in one
transaction: all of them or, on any problem, nothing. As DATABASE_OWNER_URL (the owner role; else DATABASE_URL)
into the database of DATABASE_URL, whose role is the services'; or into the embedded database when it is unset.

  --dir <folder>  the seed folder to validate and load (default: seeds/ of the project)
  --check         validate only: connects to no database and writes nothing
  --help          this text`;

/** Bad arguments exit 2, as command-line tools do, apart from the 1 of a failed seed. */
function usageError(message: string): never {
  console.error(`seed: ${message}\nRun \`npm run seed -- --help\` for the options.`);
  process.exit(2);
}

function readArguments(argv: string[]): { dir: string; check: boolean; help: boolean } {
  let values: { dir?: string; check?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { dir: { type: 'string' }, check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    const { code, message } = err as { code?: string; message: string };
    const option = /'([^']+)'/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') usageError(`unknown option ${option}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /argument missing/.test(message)) usageError(`${option?.split(' ')[0]} needs a value: ${option?.split(' ')[0]} <folder>`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') usageError(`unexpected argument ${JSON.stringify(option)}; the seed folder is given with --dir <folder>`);
    usageError(message.split('. ')[0]);
  }
  // `npm run` starts scripts in the project folder; a relative --dir means the folder the command was typed in.
  const dir = values.dir === undefined ? SEEDS_DIR : path.resolve(process.env.INIT_CWD ?? process.cwd(), values.dir);
  if (values.dir !== undefined && !fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) usageError(`--dir ${values.dir}: there is no folder ${dir}`);
  return { dir, check: values.check ?? false, help: values.help ?? false };
}

/** `npm run seed`: validate the seed files and load them into DATABASE_URL, or into the embedded database. */
(async () => {
  const args = readArguments(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const log = (line: string) => console.log(line);
  const shown = path.relative(process.cwd(), args.dir);
  log(`seed: validating the seed files in ${shown && !shown.startsWith('..') ? shown : args.dir}…`);
  const { plan, records } = validateSeeds(args.dir);
  if (args.check) {
    log(`seed: the seed files are valid (${records} records); nothing was loaded (--check).`);
    return;
  }
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedDatabase({ dataDir: config.dataDir, port: config.embeddedPgPort });
  try {
    // The migrate step: as the owner role; DATABASE_URL names the services' role, which gets its grants here.
    const serviceUrl = config.databaseUrl ?? embedded!.serviceUrl;
    const ownerUrl = config.databaseOwnerUrl ?? config.databaseUrl ?? embedded!.url;
    await migrateAll(ownerUrl, { serviceUrl, warn: (line) => console.warn(`seed: ${line}`) }).catch((err) => {
      throw isConnectionLoss(err) ? new DatabaseLostError(err, 'migrating') : err;
    });
    await loadValidatedSeeds(ownerUrl, plan, log);
  } finally {
    await embedded?.stop();
  }
})().catch(failStartup);
