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
