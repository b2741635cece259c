import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from '../../hub/embedded-database';
import { freePort } from './ports';

/**
 * One PostgreSQL server for the whole run: TEST_DATABASE_URL (an external server) or a throw-away embedded one in
 * a temporary folder on a free port. Each test file then creates its own database on it, so files run in
 * parallel without seeing each other's data, and nothing depends on a running `npm start`.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL);
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketenkaart-test-'));
  const db = await startEmbeddedDatabase({ dataDir, port: await freePort(), persistent: false });
  project.provide('postgresUrl', db.url);
  return async () => {
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
