import { failStartup } from '../core/process';
import { staleSchemaFiles, writeSchemaFiles } from './schema';

/** `npm run schema` writes schema/*.graphql; `npm run schema:check` fails if they are stale. */
(async () => {
  if (process.argv.includes('--check')) {
    const stale = await staleSchemaFiles();
    if (stale.length) {
      console.error(`schema/ is out of date with the code: ${stale.join(', ')}.\nRun \`npm run schema\` and commit the result.`);
      process.exit(1);
    }
    console.log('schema/ is up to date and the supergraph composes.');
    return;
  }
  const written = await writeSchemaFiles();
  console.log(`wrote ${written.map((f) => `schema/${f}`).join(', ')}`);
})().catch(failStartup);
