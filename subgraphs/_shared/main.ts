import { loadConfig } from '../../core/config';
import { failStartup, forcedExitAfter, onShutdown } from '../../core/process';
import { type SubgraphDefinition, startSubgraph } from './subgraph';

/**
 * Entry point of a subgraph deployed on its own (`node dist/subgraphs/<name>/main.js`): it needs an external
 * PostgreSQL in DATABASE_URL (its least-privilege role), refuses to start while a migration is pending (the
 * migrate job applies them as the owner), and serves `/graphql`, `/health`, `/ready` and `/metrics`.
 */
export function runSubgraphMain(def: SubgraphDefinition<any>): void {
  (async () => {
    const config = loadConfig();
    if (!config.databaseUrl) {
      throw Object.assign(
        new Error(`DATABASE_URL is required to run the ${def.name} subgraph on its own (the embedded database is started by \`npm start\`).`),
        { userFacing: true },
      );
    }
    if (!config.signingSecret) {
      throw Object.assign(
        new Error('SUBGRAPH_SIGNING_SECRET is required to run a subgraph on its own: the same long random secret the gateway signs its requests with.'),
        { userFacing: true },
      );
    }
    // A process of its own: its metrics include the process's heap, CPU and event loop (in the hub, the gateway's do).
    const running = await startSubgraph(def, { ...config, signingSecret: config.signingSecret }, config.databaseUrl, { processMetrics: true });
    console.log(`${def.name} subgraph listening on ${running.url}`);
    // Requests in flight may finish within their deadline; nothing waits longer than that.
    onShutdown(() => running.stop(config.requestDeadlineMs), console.error, { forceAfterMs: forcedExitAfter(config.requestDeadlineMs) });
  })().catch(failStartup);
}
