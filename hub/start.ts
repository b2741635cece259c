import { loadConfig } from '../core/config';
import { failStartup, onShutdown } from '../core/process';
import { startHub } from './hub';

/** `npm start`: the whole hub, migrated and seeded, until Ctrl-C. */
(async () => {
  const config = loadConfig();
  const say = (line: string) => console.log(line);
  say('Ketenkaart: starting the hub…');
  const hub = await startHub(config, { log: say, devSignIn: config.env !== 'production' });
  say(`\nReady. Open ${hub.gateway.url} in a browser for GraphiQL; health at ${hub.gateway.url.replace(/\/graphql$/, '/health')}. Ctrl-C stops everything.`);
  onShutdown(() => hub.stop(), say);
})().catch(failStartup);
