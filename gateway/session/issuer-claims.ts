import type { JWTPayload } from 'jose';
import type { Identity } from '../../core/auth/roles';
import type { OidcConfig } from '../../core/config';
import { identityFromClaims } from '../auth/authenticate';

/**
 * The issuer's claims as a Ketenkaart Identity: the configured claims (OIDC_ROLE_CLAIM, OIDC_ORG_CLAIM,
 * OIDC_MUNICIPALITIES_CLAIM) are read as `role`, `org` and `municipalities` and then judged exactly as a bearer
 * token's (identityFromClaims), so a session gets the same Identity, field rules, scope checks and audit.
 * A role may be written as the issuer likes it: `EDITOR`, `editor`, `local-government`.
 */
export function identityFromIssuerClaims(claims: Record<string, unknown>, mapping: OidcConfig['claims']): Identity {
  const rawRole = claims[mapping.role];
  const role = typeof rawRole === 'string' ? rawRole.trim().toUpperCase().replace(/[-\s]/g, '_') : rawRole;
  const rawMunicipalities = claims[mapping.municipalities];
  const municipalities = typeof rawMunicipalities === 'string' ? rawMunicipalities.split(/[\s,]+/).filter(Boolean) : rawMunicipalities;
  const payload: JWTPayload = { sub: String(claims.sub ?? ''), role, org: claims[mapping.org], municipalities };
  return identityFromClaims(payload);
}
