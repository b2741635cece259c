import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { TerritorialScale } from '../_shared/enums';
import type { SubgraphContext } from '../_shared/subgraph';
import { territoryAreaId } from '../_shared/territory-area-id';
import type { TerritoryLoaders } from './loaders';

type Ctx = SubgraphContext<TerritoryLoaders>;

/**
 * A territory reference (`scale` + `ref`) as the territory subgraph knows it: whether it exists and which
 * municipalities it covers. Other subgraphs ask for it through `_entities` when an editor writes a record with
 * a territory, so that what is stored is checked against, and expanded from, the territory's own data.
 * Not part of the public API (`@inaccessible`): it is a service-to-service entity.
 */
@ObjectType({ description: 'A territory reference resolved to the municipalities it covers.' })
@Directive('@key(fields: "id")')
@Directive('@inaccessible')
export class TerritoryArea {
  @Field(() => ID, { description: '"SCALE" or "SCALE:ref", for example "POLICE_ZONE:5415".' })
  id: string;

  @Field(() => [String], { description: 'NIS codes of the municipalities covered; empty for a generic scale without ref.' })
  municipalities: string[];
}

/** Column of territory.municipality that names the area of each scale that is a column there. */
const COLUMN: Partial<Record<TerritorialScale, { column: string; table: string }>> = {
  [TerritorialScale.MUNICIPALITY]: { column: 'nis', table: 'territory.municipality' },
  [TerritorialScale.POLICE_ZONE]: { column: 'police_zone_id', table: 'territory.police_zone' },
  [TerritorialScale.EERSTELIJNSZONE]: { column: 'eerstelijnszone_id', table: 'territory.eerstelijnszone' },
  [TerritorialScale.ADMINISTRATIVE_ARRONDISSEMENT]: { column: 'arrondissement_id', table: 'territory.administrative_arrondissement' },
  [TerritorialScale.JUDICIAL_ARRONDISSEMENT]: { column: 'judicial_arrondissement_id', table: 'territory.judicial_arrondissement' },
  [TerritorialScale.JUDICIAL_DIVISION]: { column: 'judicial_division_id', table: 'territory.judicial_division' },
  [TerritorialScale.PROVINCE]: { column: 'province_id', table: 'territory.province' },
};

const nisOf = (rows: Array<{ nis: string }>) => rows.map((r) => r.nis);

/** The municipalities of a reference, or null when the reference names nothing the territory data knows. */
export async function resolveTerritoryArea(id: string, ctx: Ctx): Promise<TerritoryArea | null> {
  const [scale, ...rest] = id.split(':');
  const ref = rest.join(':') || undefined;
  if (!(scale in TerritorialScale)) return null;
  const db = ctx.db;
  const area = (municipalities: string[]): TerritoryArea => ({ id: territoryAreaId(scale as TerritorialScale, ref), municipalities });
  switch (scale as TerritorialScale) {
    case TerritorialScale.BELGIUM:
      return area(nisOf(await db.query('SELECT nis FROM territory.municipality ORDER BY nis')));
    case TerritorialScale.FLANDERS:
    case TerritorialScale.BRUSSELS:
      return area(nisOf(await db.query('SELECT nis FROM territory.municipality WHERE region = $1 ORDER BY nis', [scale])));
    case TerritorialScale.SERVICE_REGION: {
      if (!ref) return area([]);
      const [exists] = await db.query('SELECT 1 FROM territory.service_region WHERE id = $1', [ref]);
      if (!exists) return null;
      return area(nisOf(await db.query('SELECT municipality_nis AS nis FROM territory.service_region_member WHERE region_id = $1 ORDER BY 1', [ref])));
    }
    default: {
      // A scale without a ref names a generic actor ("de politiezones"): each works on its own area, so the
      // reference covers no territory of its own (the seed files follow the same rule).
      if (!ref) return area([]);
      const spec = COLUMN[scale as TerritorialScale]!;
      const [exists] = await db.query(`SELECT 1 FROM ${spec.table} WHERE ${spec.table.endsWith('municipality') ? 'nis' : 'id'} = $1`, [ref]);
      if (!exists) return null;
      return area(nisOf(await db.query(`SELECT nis FROM territory.municipality WHERE ${spec.column} = $1 ORDER BY nis`, [ref])));
    }
  }
}

export const territoryAreaReferenceResolver = {
  TerritoryArea: {
    __resolveReference(ref: { id: string }, ctx: Ctx) {
      return resolveTerritoryArea(ref.id, ctx);
    },
  },
};
