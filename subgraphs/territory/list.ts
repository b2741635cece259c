import { Arg, Ctx, Field, ID, InputType, Int, Query, Resolver } from 'type-graphql';
import { Connection, type ConnectionShape, page } from '../_shared/connection';
import type { SubgraphContext } from '../_shared/subgraph';
import { nameKey } from '../../core/text';
import { Municipality, Region } from './entities/municipality';
import type { TerritoryLoaders } from './loaders';

type Ctx = SubgraphContext<TerritoryLoaders>;

@InputType({ description: 'Narrows the list of municipalities; every condition given must hold.' })
export class MunicipalityFilter {
  @Field(() => Region, { nullable: true })
  region?: Region;

  @Field(() => ID, { nullable: true, description: 'Province id, for example prov-70000.' })
  province?: string;

  @Field(() => ID, { nullable: true, description: 'Administrative arrondissement id, for example arr-71000.' })
  arrondissement?: string;

  @Field(() => ID, { nullable: true })
  policeZone?: string;

  @Field(() => ID, { nullable: true })
  eerstelijnszone?: string;

  @Field(() => ID, { nullable: true })
  judicialArrondissement?: string;

  @Field(() => ID, { nullable: true })
  judicialDivision?: string;

  @Field(() => ID, { nullable: true, description: 'Service region id (Veilig Huis region, ARIEC area).' })
  serviceRegion?: string;

  @Field(() => String, { nullable: true, description: 'Name contains (case- and accent-insensitive).' })
  nameContains?: string;
}

export const MunicipalityConnection = Connection(Municipality, 'Municipality');

@Resolver()
export class MunicipalityListResolver {
  @Query(() => MunicipalityConnection, { nullable: true, description: 'Municipalities of Flanders and Brussels, filtered, by name.' })
  async municipalities(
    @Arg('filter', () => MunicipalityFilter, { nullable: true }) filter: MunicipalityFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 100, at most 500).' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Ctx,
  ): Promise<ConnectionShape<Municipality>> {
    const f = filter ?? {};
    const qb = ctx.db.getRepository(Municipality).createQueryBuilder('m').orderBy('m.name_key').addOrderBy('m.nis');
    const equal: Array<[keyof MunicipalityFilter, string]> = [
      ['region', 'region'],
      ['province', 'province_id'],
      ['arrondissement', 'arrondissement_id'],
      ['policeZone', 'police_zone_id'],
      ['eerstelijnszone', 'eerstelijnszone_id'],
      ['judicialArrondissement', 'judicial_arrondissement_id'],
      ['judicialDivision', 'judicial_division_id'],
    ];
    for (const [field, column] of equal) if (f[field]) qb.andWhere(`m.${column} = :${field}`, { [field]: f[field] });
    if (f.serviceRegion) {
      qb.andWhere('EXISTS (SELECT 1 FROM territory.service_region_member s WHERE s.municipality_nis = m.nis AND s.region_id = :region)', { region: f.serviceRegion });
    }
    if (f.nameContains) qb.andWhere(`m.name_key LIKE :name ESCAPE '\\'`, { name: `%${nameKey(f.nameContains).replace(/[\\%_]/g, '\\$&')}%` });
    return page(await qb.getMany(), first, after);
  }
}
