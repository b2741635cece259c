import express, { type Request, type Router } from 'express';
import { ErrorCode } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { parseRecordPath, recordUri } from '../../core/record-uri';
import { describeRecord, toJsonLd } from '../../hub/export/jsonld';
import type { AskGraphQL } from '../../hub/export/all-pages';
import { toQuads, toTurtle } from '../../hub/export/turtle';
import { htmlContentSecurityPolicy, renderRecordPage } from './html';
import { DEREFERENCEABLE, ownerOf, recordData } from './record-data';
import { sendError } from '../http-answers';

/**
 * `GET <base>/id/<type>/<id>`: a record's URI dereferenced. JSON-LD or Turtle by content negotiation (Accept), a
 * Dutch page for browsers; `?formaat=jsonld|turtle|html` chooses where a link cannot send a header. The record is
 * read through the gateway's own public schema as an anonymous client (the field rules apply: public fields only)
 * and described by the export's own mapping (hub/export/jsonld.ts).
 */

/** Runs one query through the gateway's public schema, anonymously. */
export type RunQuery = (
  query: string,
  variables: Record<string, unknown>,
  call: { requestId: string; address?: string },
) => Promise<{ data?: Record<string, unknown> | null; errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }> }>;

export const LINKED_DATA_PATH = '/id/:type/:id';

const FORMATS = {
  jsonld: 'application/ld+json',
  turtle: 'text/turtle',
  html: 'text/html',
} as const;
type Format = keyof typeof FORMATS;
/** In order of preference when the client accepts anything (`*\/*` or no Accept): programs first. */
const NEGOTIATED = ['application/ld+json', 'text/turtle', 'text/html', 'application/json'];

class UpstreamError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly extensions: Record<string, unknown> = {}) {
    super(message);
  }
}

function chooseFormat(req: Request): Format | 'json' | undefined | { invalid: string } {
  const asked = req.query.formaat;
  if (asked !== undefined) return typeof asked === 'string' && asked in FORMATS ? (asked as Format) : { invalid: String(asked) };
  const accepted = req.accepts(NEGOTIATED);
  if (!accepted) return undefined;
  if (accepted === 'application/json') return 'json';
  return (Object.keys(FORMATS) as Format[]).find((f) => FORMATS[f] === accepted);
}

export function linkedDataRoute(opts: { base: string; runQuery: RunQuery; log: Logger }): Router {
  const router = express.Router();
  router.all(LINKED_DATA_PATH, async (req, res) => {
    res.vary('Accept');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.set('allow', 'GET, HEAD');
      sendError(res, 405, ErrorCode.METHOD_NOT_ALLOWED, `${req.method} kan niet op ${req.path}: gebruik GET of HEAD.`, { method: req.method, allowed: ['GET', 'HEAD'] });
      return;
    }
    const named = parseRecordPath(req.path);
    if (!named) {
      sendError(res, 404, ErrorCode.NOT_FOUND, `${req.path} noemt geen soort record: de soorten staan in de README (Linked Data).`, { path: req.path });
      return;
    }
    const format = chooseFormat(req);
    if (format && typeof format === 'object') {
      sendError(res, 400, ErrorCode.BAD_USER_INPUT, `formaat=${format.invalid} is geen formaat van deze pagina: gebruik jsonld, turtle of html.`, { formaat: format.invalid, available: Object.keys(FORMATS) });
      return;
    }
    if (!format) {
      sendError(res, 406, ErrorCode.NOT_ACCEPTABLE, `Geen van de mediatypes in Accept (${req.headers.accept}) kan geleverd worden: vraag ${NEGOTIATED.join(', ')}.`, { available: NEGOTIATED });
      return;
    }
    const uri = recordUri(opts.base, named.type, named.id);
    const ask: AskGraphQL = async <T>(query: string, variables: Record<string, unknown>) => {
      const result = await opts.runQuery(query, variables, { requestId: res.locals.requestId as string, address: req.ip });
      const errors = result.errors ?? [];
      if (errors.some((e) => e.extensions?.code === ErrorCode.UNAVAILABLE)) {
        throw new UpstreamError(503, ErrorCode.UNAVAILABLE, 'A part of the hub did not answer in time: try again.', { services: errors.map((e) => e.extensions?.service).filter(Boolean) });
      }
      if (errors.length || !result.data) throw new Error(`the record query failed: ${errors.map((e) => e.message).join('; ') || 'no data'}`);
      return result.data as T;
    };
    try {
      if (!DEREFERENCEABLE.has(named.type)) {
        // A part (a post, a site, a contact point, a figure, a succession) is described in its record's
        // document: 303 See Other to that record's URI, the Linked Data way for a thing without a page of its own.
        const owner = await ownerOf(ask, named.type, named.id);
        if (!owner) {
          sendError(res, 404, ErrorCode.NOT_FOUND, `De hub heeft geen ${named.type} met id "${named.id}".`, { type: named.type, id: named.id });
          return;
        }
        const query = typeof req.query.formaat === 'string' ? `?formaat=${encodeURIComponent(req.query.formaat)}` : '';
        res.set('cache-control', 'no-cache');
        res.redirect(303, recordUri(opts.base, owner.type, owner.id) + query);
        return;
      }
      const data = await recordData(ask, opts.base, named.type, named.id);
      const doc = data && describeRecord(toJsonLd(data, { base: opts.base, dataset: false }), uri);
      if (!doc) {
        sendError(res, 404, ErrorCode.NOT_FOUND, `De hub heeft geen ${named.type} met id "${named.id}".`, { type: named.type, id: named.id });
        return;
      }
      res.set('cache-control', 'no-cache');
      res.set('link', `<${uri}>; rel="canonical"`);
      if (format === 'jsonld' || format === 'json') {
        res.type(format === 'json' ? 'application/json' : FORMATS.jsonld).send(JSON.stringify(doc, null, 2));
      } else if (format === 'turtle') {
        res.type('text/turtle; charset=utf-8').send(await toTurtle(doc));
      } else {
        const html = renderRecordPage(await toQuads(doc), uri, doc['@context'], { jsonld: `${req.path}?formaat=jsonld`, turtle: `${req.path}?formaat=turtle` });
        res.set('content-security-policy', htmlContentSecurityPolicy());
        res.set('referrer-policy', 'no-referrer');
        res.type('html').send(html);
      }
    } catch (err) {
      if (err instanceof UpstreamError) {
        sendError(res, err.status, err.code, err.message, err.extensions);
        return;
      }
      opts.log.error({ err, requestId: res.locals.requestId, path: req.path }, 'linked data request failed');
      sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'De hub kon dit record niet beschrijven; de fout werd gelogd.', { requestId: res.locals.requestId });
    }
  });
  return router;
}
