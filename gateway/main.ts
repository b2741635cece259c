import { loadConfig } from '../subgraphs/_shared/config';
import { failStartup, onShutdown } from '../subgraphs/_shared/process';
import { startGateway } from './server';

/** The gateway deployed on its own (`node dist/gateway/main.js`); subgraph URLs come from *_URL variables. */
(async () => {
  const config = loadConfig();
  const gateway = await startGateway({ config });
  console.log(`gateway listening on ${gateway.url}`);
  onShutdown(() => gateway.stop());
})().catch(failStartup);
