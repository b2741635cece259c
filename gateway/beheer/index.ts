import path from 'node:path';
import express, { type Router } from 'express';
import { pageHeaders } from '../http-answers';

/**
 * The editors' page's own files (HTML, CSS, JavaScript, JSON) beside this module; the build copies them into
 * dist/ (hub/copy-static.ts), as for the public page.
 */
export const BEHEER_STATIC_DIR = path.join(__dirname, 'static');

/**
 * The editors' page, `/beheer`, and its files under `/beheer/static/`. It calls the gateway's `/graphql` as the
 * signed-in person (session cookie and CSRF token, gateway/session/). `issuerOrigin`: where the sign-out form
 * may lead (the issuer's end-session page), for the content security policy's form-action.
 */
export function beheerPage(issuerOrigin?: string): Router {
  const router = express.Router();
  const headers = pageHeaders(issuerOrigin ? [issuerOrigin] : []);
  router.get('/beheer', (_req, res) => {
    res.set({ ...headers, 'cache-control': 'no-cache' }).sendFile(path.join(BEHEER_STATIC_DIR, 'index.html'));
  });
  router.use(
    '/beheer/static',
    express.static(BEHEER_STATIC_DIR, {
      index: false,
      fallthrough: true,
      setHeaders: (res) => res.set({ ...headers, 'cache-control': 'no-cache' }),
    }),
  );
  return router;
}
