import { TerritorialScale } from '../enums';
import type { SubgraphContext } from '../subgraph';
import { territoryAreaId } from '../territory-area-id';
import type { InputProblems } from './problems';

/**
 * Checks of references to other subgraphs' entities, asked of the subgraph that owns them (through
 * `_entities`, on the caller's behalf): a write never stores a legal basis, municipality or territory the
 * registry does not know.
 */

export async function checkLegalBases(ctx: SubgraphContext<unknown>, problems: InputProblems, ids: string[] | undefined, field: string): Promise<void> {
  if (!ids?.length) return;
  const found = await ctx.peers.entities<{ id: string }>('legal', ctx.identity, ctx.requestId, 'LegalBasis', ids.map((id) => ({ id })), 'id');
  ids.forEach((id, i) => {
    if (!found[i]) problems.add(`${field}[${i}]`, `names no legal basis the registry knows: "${id}"`);
  });
}

export async function checkMunicipality(ctx: SubgraphContext<unknown>, problems: InputProblems, nis: string | null | undefined, field: string): Promise<void> {
  if (!nis) return;
  if (!/^\d{5}$/.test(nis)) {
    problems.add(field, `is not a NIS code (five digits): "${nis}"`);
    return;
  }
  const [found] = await ctx.peers.entities<{ nis: string }>('territory', ctx.identity, ctx.requestId, 'Municipality', [{ nis }], 'nis');
  if (!found) problems.add(field, `names no municipality of 2025 (NIS ${nis}); a pre-2025 code is replaced by its successor's`);
}

/**
 * The municipalities a list of territory references covers, from the territory subgraph; each unknown
 * reference is a problem. Generic references (a scale without an area) cover no territory of their own.
 */
export async function expandTerritory(
  ctx: SubgraphContext<unknown>,
  problems: InputProblems,
  refs: Array<{ scale: TerritorialScale; ref?: string }> | undefined,
  field: string,
): Promise<string[]> {
  if (!refs?.length) return [];
  const keys = refs.map((r) => ({ id: territoryAreaId(r.scale, r.ref) }));
  const areas = await ctx.peers.entities<{ municipalities: string[] }>('territory', ctx.identity, ctx.requestId, 'TerritoryArea', keys, 'municipalities');
  const all = new Set<string>();
  refs.forEach((r, i) => {
    if (!areas[i]) problems.add(`${field}[${i}]`, `names no ${r.scale} the registry knows: "${r.ref}"`);
    else areas[i]!.municipalities.forEach((nis) => all.add(nis));
    if ([TerritorialScale.FLANDERS, TerritorialScale.BRUSSELS, TerritorialScale.BELGIUM].includes(r.scale) && r.ref) {
      problems.add(`${field}[${i}].ref`, `must be left out for ${r.scale}`);
    }
  });
  return [...all].sort();
}
