import * as client from 'openid-client';
import type { OidcConfig } from '../../core/config';

/** Marks the development issuer's discovery document (hub/dev-oidc/): a production gateway refuses it. */
export const DEV_ISSUER_METADATA = 'ketenkaart_development_issuer';

/**
 * The gateway as an OpenID Connect client of the configured issuer (openid-client): discovery once, retried on
 * the next sign-in when the issuer was unreachable, so a gateway starts even while the issuer is down.
 */
export class IssuerClient {
  private configuration?: Promise<client.Configuration>;

  constructor(readonly oidc: OidcConfig, private readonly production: boolean) {}

  async get(): Promise<client.Configuration> {
    this.configuration ??= this.discover().catch((err) => {
      this.configuration = undefined;
      throw err;
    });
    return this.configuration;
  }

  private async discover(): Promise<client.Configuration> {
    const issuer = new URL(this.oidc.issuerUrl);
    const auth = this.oidc.clientSecret ? client.ClientSecretPost(this.oidc.clientSecret) : client.None();
    // Plain http only for an issuer on this machine outside production (the development issuer).
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
    const options = !this.production && issuer.protocol === 'http:' && local ? { execute: [client.allowInsecureRequests] } : undefined;
    const configuration = await client.discovery(issuer, this.oidc.clientId, undefined, auth, options);
    if (this.production && configuration.serverMetadata()[DEV_ISSUER_METADATA]) {
      throw new Error(`${this.oidc.issuerUrl} is the development issuer with fictional accounts: a production gateway does not trust it.`);
    }
    return configuration;
  }
}
