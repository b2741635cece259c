import type { TerritorialScale } from './enums';

/** The key of a territory reference as one string: "FLANDERS", "POLICE_ZONE:5415". */
export function territoryAreaId(scale: TerritorialScale, ref?: string | null): string {
  return ref ? `${scale}:${ref}` : scale;
}
