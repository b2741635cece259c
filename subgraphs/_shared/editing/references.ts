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
    if (!found[i]) problems.add(`${field}[${i}]`, 'UNKNOWN_REFERENCE', `noemt een rechtsgrond die het register niet kent: "${id}"`);
  });
}

export async function checkMunicipality(ctx: SubgraphContext<unknown>, problems: InputProblems, nis: string | null | undefined, field: string): Promise<void> {
  if (!nis) return;
  if (!/^\d{5}$/.test(nis)) {
    problems.add(field, 'NOT_A_NIS_CODE', `is geen NIS-code (vijf cijfers): "${nis}"`);
    return;
  }
  const [found] = await ctx.peers.entities<{ nis: string }>('territory', ctx.identity, ctx.requestId, 'Municipality', [{ nis }], 'nis');
  if (!found) problems.add(field, 'UNKNOWN_REFERENCE', `noemt geen gemeente van 2025 (NIS ${nis}); gebruik voor een gemeente van vóór 2025 de code van haar opvolger`);
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
    if (!areas[i]) problems.add(`${field}[${i}]`, 'UNKNOWN_REFERENCE', `noemt een gebied (${r.scale}) dat het register niet kent: "${r.ref}"`);
    else areas[i]!.municipalities.forEach((nis) => all.add(nis));
    if ([TerritorialScale.FLANDERS, TerritorialScale.BRUSSELS, TerritorialScale.BELGIUM].includes(r.scale) && r.ref) {
      problems.add(`${field}[${i}].ref`, 'NOT_ALLOWED', `moet wegblijven voor ${r.scale}`);
    }
  });
  return [...all].sort();
}
