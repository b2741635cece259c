import { createHash } from 'node:crypto';
import type { Response } from 'express';

/**
 * What the gateway's own routes (GraphQL's HTTP edge, the change feed, the Linked Data pages) answer outside
 * GraphQL execution, in one shape.
 */

/** An error answer in the same shape as a GraphQL one: `{ errors: [{ message, extensions }] }`. */
export function sendError(res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}) {
  res.status(status).json({ errors: [{ message, extensions: { ...extensions, code } }] });
}

/** A weak validator of an answer's body: compression changes the bytes on the wire, not the answer. */
export function weakEtag(body: string): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/**
 * The headers of the hub's own pages (the who-is-who page, /beheer): their own files only, nothing from
 * elsewhere, no framing; `formActions`: where a form may also post to (the issuer's sign-out page).
 */
export function pageHeaders(formActions: string[] = []): Record<string, string> {
  return {
    'content-security-policy':
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
      `base-uri 'none'; form-action ${["'self'", ...formActions].join(' ')}; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}
