import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { type Response, type Router } from 'express';
import { pageHeaders } from '../http-answers';

/** Where the page's own assets are served; nothing comes from a CDN. */
export const WEB_ASSET_BASE = '/web';

/**
 * The page's files, as ordinary source files beside this module (gateway/web/static/); the build copies them
 * into dist/ beside the compiled module (hub/copy-static.ts), so the image, which ships only dist/, has them.
 */
const STATIC_DIR = path.join(__dirname, 'static');

const SECURITY_HEADERS = pageHeaders();

const etagOf = (text: string) => `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"`;

interface Asset {
  type: string;
  body: string;
  etag: string;
}

/** Read once at start-up: a missing file stops the gateway with its name, rather than a 404 for the first visitor. */
function readAsset(file: string, type: string): Asset {
  const body = fs.readFileSync(path.join(STATIC_DIR, file), 'utf8');
  return { type, body, etag: etagOf(body) };
}

function serve(res: Response, asset: Asset) {
  res.set(SECURITY_HEADERS);
  res.set('cache-control', 'no-cache');
  res.set('etag', asset.etag);
  res.type(asset.type).send(asset.body);
}

/**
 * The page for people without GraphQL: `/` (who is who by municipality or postcode, and which protocol applies)
 * and its assets under `/web/`. It calls the gateway's own `/graphql` with POST JSON, so mount it on the gateway's
 * Express app: `app.use(webPage())`.
 */
export function webPage(): Router {
  const router = express.Router();
  const html = readAsset('index.html', 'html');
  const js = readAsset('app.js', 'text/javascript');
  const css = readAsset('app.css', 'text/css');
  router.get('/', (_req, res) => serve(res, html));
  router.get(`${WEB_ASSET_BASE}/app.js`, (_req, res) => serve(res, js));
  router.get(`${WEB_ASSET_BASE}/app.css`, (_req, res) => serve(res, css));
  return router;
}
