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

export interface RunningHttpServer {
  server: http.Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

export function listen(app: Express, opts: { service: string; host: string; port: number; envVar: string; path?: string }): Promise<RunningHttpServer> {
  const server = http.createServer(app);
  // Keep-alive connections from the gateway outlive a request; a generous timeout avoids racing the client's reuse.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
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
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
