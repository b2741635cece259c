import { ConfigError } from './config';
import { DEFAULT_DRAIN_MS, PortInUseError } from './http-server';

/** Errors a person can fix get their message only; anything else is a bug and keeps its stack for the report. */
export function describeStartupError(err: unknown): string {
  if (err instanceof ConfigError || err instanceof PortInUseError || (err as { userFacing?: boolean })?.userFacing) {
    return (err as Error).message;
  }
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '28P01' || code === '3D000') {
    return `Cannot reach PostgreSQL (${code}): ${(err as Error).message}. Check DATABASE_URL.`;
  }
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** When a stopping process gives up and exits 1: the HTTP drain, then a little for Apollo and the database pool. */
export const forcedExitAfter = (drainMs: number) => drainMs + 3000;
export const FORCED_EXIT_MS = forcedExitAfter(DEFAULT_DRAIN_MS);

/**
 * Runs `stop` once on SIGINT/SIGTERM, then exits 0; a second Ctrl-C while stopping forces the exit. The entry
 * point is the only owner of these signals: handlers that libraries installed before (Apollo Server's
 * stopOnTerminationSignals stops the server while our drain still serves requests, then re-sends the signal;
 * a second concurrent `apollo.stop()` then never resolves) are removed, so shutdown has one order.
 * If `stop` hangs anyway, the process exits 1 after `forceAfterMs` rather than waiting for a SIGKILL.
 */
export function onShutdown(
  stop: () => Promise<void>,
  log: (msg: string) => void = console.error,
  opts: { forceAfterMs?: number } = {},
): void {
  const forceAfterMs = opts.forceAfterMs ?? FORCED_EXIT_MS;
  let stoppingSince = 0;
  const handler = (signal: NodeJS.Signals) => {
    if (stoppingSince) {
      // Ctrl-C under `npm start` reaches node twice at once (from the terminal and forwarded by npm): only a
      // later, deliberate one forces.
      if (Date.now() - stoppingSince < 1000) return;
      log(`${signal} again: exiting now.`);
      process.exit(130);
    }
    stoppingSince = Date.now();
    log(`${signal} received: stopping…`);
    setTimeout(() => {
      log(`Still stopping after ${forceAfterMs} ms: exiting now.`);
      process.exit(1);
    }, forceAfterMs).unref();
    stop().then(
      () => process.exit(0),
      (err) => {
        log(`Error while stopping: ${describeStartupError(err)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, handler);
  }
}

export function failStartup(err: unknown): never {
  console.error(`\nKetenkaart: ${describeStartupError(err)}\n`);
  process.exit(1);
}
