import http from 'node:http';
import net from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningHttpServer, listen } from '../../core/http-server';

/**
 * Stopping the HTTP server every service runs on: a real server on loopback, real sockets. What SIGTERM does to
 * a whole service is in tests/e2e/split-deployment.test.ts; here the drain limit, which that test cannot wait for.
 */

let running: RunningHttpServer | undefined;
afterEach(async () => {
  running?.server.closeAllConnections();
  await new Promise((r) => running?.server.close(r) ?? r(undefined));
  running = undefined;
});

async function serve(handlers: (app: express.Express) => void): Promise<RunningHttpServer> {
  const app = express();
  handlers(app);
  running = await listen(app, { service: 'test', host: '127.0.0.1', port: 0, envVar: 'TEST_PORT' });
  return running;
}

function get(port: number, path: string, agent: http.Agent): Promise<{ status: number; connection?: string; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
      })
      .on('error', reject);
  });
}

const connects = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('listen(): close', () => {
  it('closes at once when a client holds an idle keep-alive connection', async () => {
    const { port, close, server } = await serve((app) => app.get('/', (_req, res) => res.send('ok')));
    const agent = new http.Agent({ keepAlive: true });
    expect((await get(port, '/', agent)).status).toBe(200);
    expect(await new Promise<number>((r) => server.getConnections((_e, n) => r(n)))).toBe(1);
    const started = Date.now();
    await close();
    expect(Date.now() - started).toBeLessThan(500);
    agent.destroy();
  });

  it('refuses new connections, lets a request in flight finish, then closes its keep-alive connection', async () => {
    const { port, close } = await serve((app) => app.get('/slow', async (_req, res) => (await sleep(600), res.send('finished'))));
    const agent = new http.Agent({ keepAlive: true });
    const inFlight = get(port, '/slow', agent);
    await sleep(100);
    const started = Date.now();
    const closed = close(5000).then(() => Date.now());
    await sleep(50);
    expect(await connects(port)).toBe(false);
    const answer = await inFlight;
    const answeredAt = Date.now();
    expect(answer).toEqual({ status: 200, connection: 'close', body: 'finished' });
    const closedAt = await closed;
    // Not the 65 s keepAliveTimeout: the connection is closed as soon as its request is answered.
    expect(closedAt - answeredAt).toBeLessThan(500);
    expect(closedAt - started).toBeGreaterThanOrEqual(400);
    agent.destroy();
  });

  it('cuts a request still in flight when the drain limit is reached', async () => {
    const { port, close } = await serve((app) => app.get('/stuck', () => undefined));
    const agent = new http.Agent({ keepAlive: true });
    const inFlight = get(port, '/stuck', agent).then(
      () => 'answered',
      (err: NodeJS.ErrnoException) => err.code,
    );
    await sleep(100);
    const started = Date.now();
    await close(300);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(280);
    expect(took).toBeLessThan(1500);
    expect(await inFlight).toBe('ECONNRESET');
    agent.destroy();
  });

  it('returns the same drain to a second caller', async () => {
    const { close } = await serve(() => undefined);
    const first = close();
    expect(close()).toBe(first);
    await first;
  });
});
