import { type ChildProcess, spawn } from 'node:child_process';

/** One service as its own process, with what it printed kept for the failure report. */
export class ServiceProcess {
  readonly child: ChildProcess;
  readonly startedAt = Date.now();
  output = '';
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  exited: { code: number | null; signal: NodeJS.Signals | null; at: number } | undefined;

  constructor(
    readonly name: string,
    command: string[],
    readonly env: Record<string, string>,
    cwd: string,
  ) {
    this.child = spawn(command[0], command.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exit = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exited = { code, signal, at: Date.now() };
        resolve(this.exited);
      });
    });
  }

  get running(): boolean {
    return this.exited === undefined;
  }

  /** SIGTERM, as `docker compose stop` sends it; resolves with the exit code and how long the exit took. */
  async terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const sent = Date.now();
    this.child.kill('SIGTERM');
    const exit = await this.exit;
    return { code: exit.code, signal: exit.signal, ms: exit.at - sent };
  }

  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }
}

/** Polls `url` until it answers 200; fails early, with what the process printed, if the process ends first. */
export async function waitUntilReady(service: ServiceProcess, url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!service.running) throw new Error(`${service.name} exited (${service.exited!.code ?? service.exited!.signal}) before it was ready:\n${service.output}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${service.name} was not ready at ${url} within ${timeoutMs} ms:\n${service.output}`);
}
