import { isValidOn } from '../_shared/validity';
import type { LegalBasis } from './entities/legal-basis';

/**
 * Whether a legal basis is in force on a date: false once it ended, null while its entry into force is
 * unconfirmed (the hub does not guess), otherwise whether the date lies in its validity.
 */
export function inForceOn(basis: Pick<LegalBasis, 'validFrom' | 'validTo'>, on: string): boolean | null {
  if (basis.validTo && on >= basis.validTo) return false;
  if (!basis.validFrom) return null;
  return isValidOn(basis, on);
}
