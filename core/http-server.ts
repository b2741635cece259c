import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** A port already taken is a user-facing situation (another hub running, another program): say so plainly. */
export class PortInUseError extends Error {
  constructor(
    readonly service: string,
    readonly host: string,
    readonly port: number,
    readonly envVar: string,
  ) {
    super(
      `${service} cannot listen on ${host}:${port}: the port is already in use. ` +
        `Is another Ketenkaart hub running? Stop it, or choose another port with ${envVar}.`,
    );
    this.name = 'PortInUseError';
  }
}

/**
 * How long a stopping server lets requests in flight finish before it cuts their connections. Compose gives a
 * service 10 s between SIGTERM and SIGKILL by default; docker-compose.yml allows more (stop_grace_period).
 */
export const DEFAULT_DRAIN_MS = 10_000;

export interface RunningHttpServer {
  server: http.Server;
  url: string;
  port: number;
  /**
   * Stops accepting connections at once, lets requests in flight finish for up to `drainMs`, then cuts whatever
   * is left. Idle keep-alive connections are closed at once, not after keepAliveTimeout.
   */
  close(drainMs?: number): Promise<void>;
}

export function listen(app: Express, opts: { service: string; host: string; port: number; envVar: string; path?: string }): Promise<RunningHttpServer> {
  const server = http.createServer(app);
  // Keep-alive connections from the gateway outlive a request; a generous timeout avoids racing the client's reuse.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  let closing: Promise<void> | undefined;
  // Requests not yet answered, so that a drain can tell their clients not to reuse the connection.
  const unanswered = new Set<http.ServerResponse>();
  // Prepended, so that it runs before the app can send its headers.
  server.prependListener('request', (_req, res) => {
    if (closing) res.setHeader('connection', 'close');
    unanswered.add(res);
    res.once('close', () => unanswered.delete(res));
  });
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(opts.service, opts.host, opts.port, opts.envVar) : err);
    };
    server.once('error', onError);
    server.listen(opts.port, opts.host, () => {
      server.off('error', onError);
      const { port } = server.address() as AddressInfo;
      const host = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
      resolve({
        server,
        port,
        url: `http://${host}:${port}${opts.path ?? ''}`,
        close: (drainMs = DEFAULT_DRAIN_MS) => (closing ??= drain(server, unanswered, drainMs)),
      });
    });
  });
}

function drain(server: http.Server, unanswered: Set<http.ServerResponse>, drainMs: number): Promise<void> {
  return new Promise<void>((done) => {
    // A client that reuses a kept-alive connection while we close it would see its request fail: every answer
    // from now on says `connection: close`, and Node closes the connection once it is sent.
    for (const res of unanswered) if (!res.headersSent) res.setHeader('connection', 'close');
    // For answers whose headers were already out: server.close() closes only the connections idle at that moment.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => server.closeAllConnections(), drainMs);
    sweep.unref();
    deadline.unref();
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      done();
    });
  });
}
