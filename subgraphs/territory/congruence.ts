import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../_shared/subgraph';
import { Municipality } from './entities/municipality';
import type { TerritoryLoaders } from './loaders';

type Ctx = SubgraphContext<TerritoryLoaders>;

@ObjectType({ description: 'A municipality where police zone ⊆ judicial division ⊆ Veilig Huis region ⊆ ARIEC area does not hold.' })
export class ScaleMismatch {
  @Field(() => Municipality)
  municipality: Municipality;

  @Field(() => [String], { description: 'Each break in the nesting, in words.' })
  mismatches: string[];
}

interface Row {
  nis: string;
  zone: string;
  division: string | null;
  vh: string | null;
  ariec: string | null;
}

/**
 * Which scales do not nest where (the report's recurring finding on schaalcongruentie). Unknown areas are not
 * mismatches: they are reported as unsettled elsewhere, not guessed here.
 */
@Resolver()
export class ScaleCongruenceResolver {
  @Query(() => [ScaleMismatch], { nullable: true, description: 'The municipalities where the police zone, judicial division, Veilig Huis region and ARIEC area do not nest, and how.' })
  async scaleMismatches(@Ctx() ctx: Ctx): Promise<ScaleMismatch[]> {
    const rows: Row[] = await ctx.db.query(`
      SELECT m.nis, m.police_zone_id AS zone, m.judicial_division_id AS division,
             (SELECT r.id FROM territory.service_region_member s JOIN territory.service_region r ON r.id = s.region_id
               WHERE s.municipality_nis = m.nis AND r.kind = 'VEILIG_HUIS_REGION' LIMIT 1) AS vh,
             (SELECT r.id FROM territory.service_region_member s JOIN territory.service_region r ON r.id = s.region_id
               WHERE s.municipality_nis = m.nis AND r.kind = 'ARIEC_AREA' LIMIT 1) AS ariec
        FROM territory.municipality m ORDER BY m.name_key`);
    const spread = (group: keyof Row, of: keyof Row) => {
      const sets = new Map<string, Set<string>>();
      for (const r of rows) {
        if (!r[group] || !r[of]) continue;
        if (!sets.has(r[group]!)) sets.set(r[group]!, new Set());
        sets.get(r[group]!)!.add(r[of]!);
      }
      return sets;
    };
    const checks: Array<[keyof Row, keyof Row, string, string]> = [
      ['zone', 'division', 'police zone', 'judicial divisions'],
      ['division', 'vh', 'judicial division', 'Veilig Huis regions'],
      ['vh', 'ariec', 'Veilig Huis region', 'ARIEC areas'],
    ];
    const spreads = checks.map(([group, of]) => spread(group, of));
    const result: ScaleMismatch[] = [];
    const municipalities = await ctx.loaders.municipality.loadMany(rows.map((r) => r.nis));
    rows.forEach((r, i) => {
      const mismatches = checks.flatMap(([group, , groupName, ofName], c) => {
        const values = r[group] ? spreads[c].get(r[group]!) : undefined;
        return values && values.size > 1 ? [`Its ${groupName} ${r[group]} spans ${values.size} ${ofName}: ${[...values].sort().join(', ')}.`] : [];
      });
      const municipality = municipalities[i];
      if (mismatches.length && municipality && !(municipality instanceof Error)) result.push({ municipality, mismatches });
    });
    return result;
  }
}
