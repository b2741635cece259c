import { loadConfig } from '../core/config';
import { failStartup } from '../core/process';
import { startEmbeddedDatabase } from './embedded-database';
import { migrateAll } from './hub';
import { seed } from './seed';

/** `npm run seed`: validate the seed files and load them into DATABASE_URL, or into the embedded database. */
(async () => {
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedDatabase({ dataDir: config.dataDir, port: config.embeddedPgPort });
  try {
    const url = config.databaseUrl ?? embedded!.url;
    await migrateAll(url);
    await seed(url, { log: (line) => console.log(line) });
  } finally {
    await embedded?.stop();
  }
})().catch(failStartup);
