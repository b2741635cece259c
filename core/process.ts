import { ConfigError } from './config';
import { PortInUseError } from './http-server';

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

/** Runs `stop` once on SIGINT/SIGTERM, then exits; a second Ctrl-C while stopping forces the exit. */
export function onShutdown(stop: () => Promise<void>, log: (msg: string) => void = console.error): void {
  let stoppingSince = 0;
  const handler = (signal: NodeJS.Signals) => {
    if (stoppingSince) {
      // Libraries' own exit hooks may re-deliver the same signal at once; only a later, deliberate one forces.
      if (Date.now() - stoppingSince < 1000) return;
      log(`${signal} again: exiting now.`);
      process.exit(130);
    }
    stoppingSince = Date.now();
    log(`${signal} received: stopping…`);
    stop().then(
      () => process.exit(0),
      (err) => {
        log(`Error while stopping: ${describeStartupError(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

export function failStartup(err: unknown): never {
  console.error(`\nKetenkaart: ${describeStartupError(err)}\n`);
  process.exit(1);
}
