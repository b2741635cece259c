import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';

/**
 * The two cookies of sign-in. Both httpOnly (no script reads them) and SameSite=Lax: sent when the issuer sends
 * the person back (a top-level navigation from another site), never with another site's POST or fetch. Over https
 * they are Secure and carry the `__Host-`/`__Secure-` prefixes, which a browser only accepts from a secure origin.
 */
export class SessionCookies {
  readonly session: string;
  readonly signIn: string;

  constructor(readonly secure: boolean) {
    this.session = secure ? '__Host-ketenkaart-sessie' : 'ketenkaart-sessie';
    this.signIn = secure ? '__Secure-ketenkaart-aanmelding' : 'ketenkaart-aanmelding';
  }

  read(req: Request, name: string): string | undefined {
    const header = req.headers.cookie;
    return header ? parse(header)[name] : undefined;
  }

  set(res: Response, name: string, value: string, maxAgeSeconds: number): void {
    res.append('set-cookie', this.serialize(name, value, maxAgeSeconds));
  }

  clear(res: Response, name: string): void {
    res.append('set-cookie', this.serialize(name, '', 0));
  }

  private serialize(name: string, value: string, maxAge: number): string {
    // The sign-in cookie is for the callback only; the session for the page and /graphql.
    const path = name === this.signIn ? '/beheer' : '/';
    return serialize(name, value, { httpOnly: true, secure: this.secure, sameSite: 'lax', path, maxAge });
  }
}
