import { loadConfig } from '../core/config';
import { failStartup, forcedExitAfter, onShutdown } from '../core/process';
import { startGateway } from './server';

/** The gateway deployed on its own (`node dist/gateway/main.js`); subgraph URLs come from *_URL variables. */
(async () => {
  const config = loadConfig();
  if (!config.signingSecret) {
    throw Object.assign(new Error('SUBGRAPH_SIGNING_SECRET is required to run the gateway on its own: the secret the subgraphs verify its requests with.'), { userFacing: true });
  }
  const gateway = await startGateway({ config: { ...config, signingSecret: config.signingSecret } });
  console.log(`gateway listening on ${gateway.url}`);
  // Requests in flight may finish within their deadline; nothing waits longer than that.
  onShutdown(() => gateway.stop(config.requestDeadlineMs), console.error, { forceAfterMs: forcedExitAfter(config.requestDeadlineMs) });
})().catch(failStartup);
