import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config';
import { type RunningGateway, startGateway } from '../../gateway/server';
import { TEST_SIGNING_SECRET, startTestHub } from '../helpers/hub';
import { freePort } from '../helpers/ports';
import { token } from '../helpers/tokens';

/**
 * The gateway's HTTP layer as a client sees it: status codes, JSON bodies with stable codes for every mistake,
 * CORS for the configured origins only, compression. Raw fetch calls, so nothing hides what goes over the wire.
 */
const ALLOWED = 'https://app.ketenkaart.example';
const OTHER = 'https://evil.example';

describe('the gateway over HTTP', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let url: string;
  beforeAll(async () => {
    hub = await startTestHub({ env: { CORS_ORIGINS: `${ALLOWED}, http://localhost:5173` } });
    url = hub.url;
  });
  afterAll(() => hub?.stop());

  const at = (path: string) => new URL(path, url).toString();

  /** POSTs a raw body and returns status, headers, the text and (when it is JSON) the parsed body. */
  async function send(body: string, headers: Record<string, string> = {}, target = url, method = 'POST') {
    const response = await fetch(target, { method, headers: { 'content-type': 'application/json', ...headers }, body: method === 'GET' ? undefined : body });
    return read(response);
  }

  async function read(response: Response) {
    const text = await response.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  const post = (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}, operationName?: string) =>
    send(JSON.stringify({ query, variables, operationName }), headers);

  /** What every error answer has in common: JSON, no stack lines, no absolute paths of the server. */
  function expectCleanJson(res: { headers: Headers; text: string }) {
    expect(res.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    expect(res.text).not.toMatch(/ {4}at /);
    expect(res.text).not.toContain(process.cwd());
    expect(res.text).not.toMatch(/node_modules|\/work\/|<html|<!DOCTYPE/i);
  }

  function expectError(res: Awaited<ReturnType<typeof send>>, status: number, code: string, extensions: Record<string, unknown> = {}) {
    expectCleanJson(res);
    expect({ status: res.status, code: res.json?.errors?.[0]?.extensions?.code }).toEqual({ status, code });
    expect(res.json.errors[0].message).toEqual(expect.any(String));
    expect(res.json.errors[0].extensions).toMatchObject(extensions);
  }

  describe('CORS', () => {
    it('answers a preflight from an allowed origin with 204 and the Access-Control-* headers', async () => {
      const res = await fetch(url, {
        method: 'OPTIONS',
        headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
      expect(res.headers.get('access-control-allow-methods')).toMatch(/GET/);
      const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
      for (const header of ['content-type', 'authorization', 'apollo-require-preflight', 'x-request-id']) expect(allowed).toContain(header);
      expect(res.headers.get('vary')).toMatch(/origin/i);
    });

    it('lets an allowed origin read the answer of the real request', async () => {
      const res = await post('{ municipality(nis: "71072") { name } }', undefined, { origin: ALLOWED });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(res.json.data.municipality.name).toBe('Hasselt');
    });

    it('gives an origin that is not configured no Access-Control-Allow-Origin', async () => {
      const preflight = await fetch(url, {
        method: 'OPTIONS',
        headers: { origin: OTHER, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
      const refused = await read(preflight);
      expectError(refused, 403, 'FORBIDDEN', { origin: OTHER });
      const res = await post('{ municipality(nis: "71072") { name } }', undefined, { origin: OTHER });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      // Still varies by Origin: a shared cache must not hand this answer to an allowed origin, or the reverse.
      expect(res.headers.get('vary')).toMatch(/origin/i);
    });

    it('keeps refusing simple cross-site requests (CSRF prevention) from any origin', async () => {
      for (const origin of [OTHER, ALLOWED]) {
        const get = await fetch(`${url}?query=${encodeURIComponent('{ municipality(nis: "71072") { name } }')}`, { headers: { origin, accept: 'application/json' } });
        const getRes = await read(get);
        expect({ origin, status: getRes.status }).toEqual({ origin, status: 400 });
        expectCleanJson(getRes);
        expect(getRes.json.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
        expect(getRes.json.errors[0].message).toMatch(/CSRF/);
        const form = await send('query=%7B%20__typename%20%7D', { 'content-type': 'application/x-www-form-urlencoded', origin });
        expect({ origin, status: form.status }).toEqual({ origin, status: 400 });
        expectCleanJson(form);
        expect(form.json.errors[0].extensions.code).toBe('BAD_REQUEST');
      }
    });
  });

  describe('status codes and error codes', () => {
    it('gives a syntax error GRAPHQL_PARSE_FAILED with 400', async () => {
      const res = await post('{ municipality(nis: "71072") { name }');
      expectError(res, 400, 'GRAPHQL_PARSE_FAILED');
      expect(res.json.errors[0].message).toMatch(/Syntax Error/);
    });

    it('gives a query that does not fit the schema GRAPHQL_VALIDATION_FAILED with 400', async () => {
      expectError(await post('{ municipality(nis: "71072") { mayor } }'), 400, 'GRAPHQL_VALIDATION_FAILED');
    });

    it('refuses a query over the token limit with 400 and a code, not 500', async () => {
      const query = `{ ${Array.from({ length: 1600 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
      const res = await post(query);
      expectError(res, 400, 'GRAPHQL_PARSE_FAILED');
      expect(res.json.errors[0].message).toMatch(/tokens/);
    });

    it('refuses a query over the depth limit with 400', async () => {
      const deep = 'agreement(id: "x") { ' + 'parent { '.repeat(14) + 'id' + ' }'.repeat(15);
      const res = await post(`{ ${deep} }`);
      expect(res.status).toBe(400);
      expectCleanJson(res);
      expect(res.json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('asks for operationName when a document has two operations, with 400', async () => {
      const res = await post('query A { __typename } query B { __typename }');
      expectError(res, 400, 'OPERATION_RESOLUTION_FAILURE');
      expect(res.json.errors[0].message).toMatch(/operation name/i);
      const named = await post('query A { __typename } query B { __typename }', undefined, {}, 'B');
      expect(named.status).toBe(200);
      const unknown = await post('query A { __typename }', undefined, {}, 'C');
      expectError(unknown, 400, 'OPERATION_RESOLUTION_FAILURE');
    });

    it('answers malformed JSON with a JSON error and 400, not an HTML page', async () => {
      const res = await send('{"query": "{ __typename }"');
      expectError(res, 400, 'BAD_REQUEST');
      expect(res.json.errors[0].message).toMatch(/JSON/);
    });

    it('answers other unreadable or misshapen bodies with 4xx JSON errors', async () => {
      const gzip = await send('{"query": "{ __typename }"}', { 'content-encoding': 'gzip' });
      expectError(gzip, 400, 'BAD_REQUEST');
      const charset = await send('{}', { 'content-type': 'application/json; charset=latin-9' });
      expectError(charset, 415, 'BAD_REQUEST');
      expectError(await send(JSON.stringify({ query: 5 })), 400, 'BAD_REQUEST');
      expectError(await send(JSON.stringify({ query: '{ __typename }', variables: '{}' })), 400, 'BAD_REQUEST');
      expectError(await send('[{"query": "{ __typename }"}]'), 400, 'BAD_REQUEST');
      expectError(await post('query($n: ID!) { municipality(nis: $n) { name } }', { n: { nis: 1 } }), 400, 'BAD_USER_INPUT');
    });

    it('gives a persisted query that does not match its hash BAD_REQUEST with 400, not INTERNAL_SERVER_ERROR', async () => {
      const res = await send(JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }));
      expectError(res, 400, 'BAD_REQUEST');
      expect(res.json.errors[0].message).toMatch(/sha/);
      const unknown = await send(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: '1'.repeat(64) } } }));
      expectError(unknown, 200, 'PERSISTED_QUERY_NOT_FOUND');
    });

    it('answers an oversized body with 413 and a JSON error', async () => {
      const res = await send(JSON.stringify({ query: `{ __typename } # ${'x'.repeat(200_000)}` }));
      expectError(res, 413, 'PAYLOAD_TOO_LARGE', { limitBytes: expect.any(Number) });
    });

    it('answers an unknown route with 404 JSON and a known route with a wrong method with 405 JSON', async () => {
      const missing = await read(await fetch(at('/no-such-page')));
      expectError(missing, 404, 'NOT_FOUND');
      const wrongMethod = await read(await fetch(at('/health'), { method: 'DELETE' }));
      expectError(wrongMethod, 405, 'METHOD_NOT_ALLOWED');
      expect(wrongMethod.headers.get('allow')).toMatch(/GET/);
      const graphqlPut = await send('{"query":"{ __typename }"}', {}, url, 'PUT');
      expectError(graphqlPut, 405, 'METHOD_NOT_ALLOWED');
      expect(graphqlPut.headers.get('allow')).toMatch(/POST/);
    });

    it('refuses a NUL byte in a string argument with BAD_USER_INPUT naming the argument, inline or as a variable', async () => {
      const inline = await post('{ search(query: "caw\\u0000limburg") { id } }');
      expectError(inline, 400, 'BAD_USER_INPUT', { argument: 'query' });
      const variable = await post('query($q: String!) { search(query: $q) { id } }', { q: 'caw\u0000' });
      expectError(variable, 400, 'BAD_USER_INPUT', { argument: 'query' });
      const id = await post('query($id: ID!) { organisation(id: $id) { id } }', { id: 'caw\u0000limburg' });
      expectError(id, 400, 'BAD_USER_INPUT', { argument: 'id' });
      const nested = await post('query($f: MunicipalityFilter) { municipalities(filter: $f) { totalCount } }', { f: { nameContains: 'Has\u0000selt' } });
      expectError(nested, 400, 'BAD_USER_INPUT', { argument: 'filter' });
    });

    it('searches with many dashes instead of failing', async () => {
      for (const query of ['-'.repeat(50), '-'.repeat(200), `caw ${'-'.repeat(60)}`, '- - - - -', '!!!!', '""""']) {
        const res = await post('query($q: String!) { search(query: $q) { id label } }', { q: query });
        expect({ query, status: res.status, errors: res.json.errors }).toEqual({ query, status: 200, errors: undefined });
        expect(res.json.data.search).toEqual(expect.any(Array));
      }
      const caw = await post('query($q: String!) { search(query: $q) { id } }', { q: `caw limburg ${'-'.repeat(60)}` });
      expect(caw.json.data.search.map((h: { id: string }) => h.id)).toContain('caw-limburg');
    });

    it('refuses an olderThanDays out of range with BAD_USER_INPUT naming the argument', async () => {
      const admin = await token(hub.dataDir, { role: 'ADMIN' });
      for (const days of [2147483647, 100_000, -1]) {
        const res = await post('query($d: Int!) { staleRecords(olderThanDays: $d) { records { id } } }', { d: days }, { authorization: `Bearer ${admin}` });
        expectCleanJson(res);
        expect({ days, errors: res.json.errors?.map((e: any) => e.extensions) }).toEqual({ days, errors: [expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'olderThanDays' })] });
      }
      const fine = await post('{ staleRecords(olderThanDays: 3650) { records { id } } }', undefined, { authorization: `Bearer ${admin}` });
      expect(fine.json.errors).toBeUndefined();
    });

    it('refuses a token that is not one with 401 UNAUTHENTICATED as JSON', async () => {
      const res = await post('{ __typename }', undefined, { authorization: 'Bearer not-a-token' });
      expectError(res, 401, 'UNAUTHENTICATED');
    });
  });

  describe('compression', () => {
    it('compresses a large answer when the client accepts gzip, and not otherwise', async () => {
      const body = JSON.stringify({ query: '{ municipalities(first: 500) { nodes { nis name } } }' });
      const gzip = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' }, body });
      expect(gzip.status).toBe(200);
      expect(gzip.headers.get('content-encoding')).toBe('gzip');
      const json = (await gzip.json()) as any;
      expect(json.data.municipalities.nodes.length).toBeGreaterThan(300);
      const br = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'br' }, body });
      expect(br.headers.get('content-encoding')).toBe('br');
      expect(((await br.json()) as any).data.municipalities.nodes.length).toBe(json.data.municipalities.nodes.length);
      const plain = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'identity' }, body });
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(((await plain.json()) as any).data.municipalities.nodes.length).toBe(json.data.municipalities.nodes.length);
    });
  });
});

describe('a fault of the hub', () => {
  let gateway: RunningGateway;
  let broken: http.Server;
  let dataDir: string;
  const logged: Array<Record<string, any>> = [];
  beforeAll(async () => {
    // A territory subgraph that fails the way a bug or a database error does: an error without a client code.
    broken = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { municipality: null }, errors: [{ message: 'relation "territory.secret_table" does not exist', path: ['municipality'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}/graphql`;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketenkaart-http-'));
    const down = `http://127.0.0.1:${await freePort()}/graphql`;
    const config = loadConfig({
      NODE_ENV: 'test', KETENKAART_DATA_DIR: dataDir, SUBGRAPH_SIGNING_SECRET: TEST_SIGNING_SECRET, GATEWAY_PORT: '0',
      PARTNERS_URL: down, LEGAL_URL: down, TERRITORY_URL: brokenUrl, INSTRUMENTS_URL: down,
    });
    const log = pino({ level: 'error' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    gateway = await startGateway({ config: { ...config, signingSecret: TEST_SIGNING_SECRET }, log });
  });
  afterAll(async () => {
    await gateway?.stop();
    await new Promise((resolve) => (broken ? broken.close(resolve) : resolve(undefined)));
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives the client a generic INTERNAL_SERVER_ERROR and logs the cause with the request id', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-fault-1' },
      body: JSON.stringify({ query: '{ municipality(nis: "71072") { name } }' }),
    });
    // The gateway's own id, to quote when reporting it; the client's is logged beside it.
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const text = await response.text();
    expect(text).not.toMatch(/secret_table|relation| {4}at /);
    const body = JSON.parse(text);
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'INTERNAL_SERVER_ERROR' }, message: expect.stringMatching(/^Interne fout/) });
    const entry = logged.find((e) => e.requestId === requestId);
    expect(entry).toMatchObject({ level: 50, clientRequestId: 'req-fault-1', err: { message: expect.stringMatching(/secret_table/) } });
  });
});
