import { createHash } from 'node:crypto';
import express, { type Response, type Router } from 'express';
import { APP_CSS, APP_JS } from './assets';
import { pageHtml } from './page';

/** Where the page's own assets are served; nothing comes from a CDN. */
export const WEB_ASSET_BASE = '/web';

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function serve(res: Response, type: string, body: string, etag: string, cache: string) {
  res.set(SECURITY_HEADERS);
  res.set('cache-control', cache);
  res.set('etag', etag);
  res.type(type).send(body);
}

const etagOf = (text: string) => `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"`;

/**
 * The page for people without GraphQL: `/` (who is who by municipality or postcode, and which protocol applies)
 * and its assets under `/web/`. It calls the gateway's own `/graphql` with POST JSON, so mount it on the gateway's
 * Express app: `app.use(webPage())`.
 */
export function webPage(): Router {
  const router = express.Router();
  const html = pageHtml(WEB_ASSET_BASE);
  const tags = { html: etagOf(html), js: etagOf(APP_JS), css: etagOf(APP_CSS) };
  router.get('/', (_req, res) => serve(res, 'html', html, tags.html, 'no-cache'));
  router.get(`${WEB_ASSET_BASE}/app.js`, (_req, res) => serve(res, 'text/javascript', APP_JS, tags.js, 'no-cache'));
  router.get(`${WEB_ASSET_BASE}/app.css`, (_req, res) => serve(res, 'text/css', APP_CSS, tags.css, 'no-cache'));
  return router;
}
