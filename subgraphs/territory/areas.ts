import type { SubgraphContext } from '../_shared/subgraph';
import type { Municipality } from './entities/municipality';
import type { TerritoryLoaders } from './loaders';

type Ctx = SubgraphContext<TerritoryLoaders>;

/**
 * The areas a municipality lies in, through the per-request loaders: shared by the Municipality type and the
 * who-is-who card. Null where the municipality has none (Brussels has no province) or the sources leave it open.
 */
export const areasOf = {
  province: (m: Municipality, ctx: Ctx) => (m.provinceId ? ctx.loaders.province.load(m.provinceId) : null),
  arrondissement: (m: Municipality, ctx: Ctx) => ctx.loaders.arrondissement.load(m.arrondissementId),
  policeZone: (m: Municipality, ctx: Ctx) => ctx.loaders.policeZone.load(m.policeZoneId),
  eerstelijnszone: (m: Municipality, ctx: Ctx) => ctx.loaders.eerstelijnszone.load(m.eerstelijnszoneId),
  judicialArrondissement: (m: Municipality, ctx: Ctx) =>
    m.judicialArrondissementId ? ctx.loaders.judicialArrondissement.load(m.judicialArrondissementId) : null,
  judicialDivision: (m: Municipality, ctx: Ctx) => (m.judicialDivisionId ? ctx.loaders.judicialDivision.load(m.judicialDivisionId) : null),
};

export type AreaName = keyof typeof areasOf;
