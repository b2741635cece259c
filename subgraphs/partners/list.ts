import { Arg, Ctx, Field, ID, InputType, Int, Query, Resolver } from 'type-graphql';
import { Connection, type ConnectionShape } from '../_shared/connection';
import { pageInForce } from '../_shared/in-force-filter';
import { GovernmentLevel, OrganisationKind } from '../_shared/enums';
import { DateScalar } from '../_shared/graphql-types';
import type { SubgraphContext } from '../_shared/subgraph';
import { Organisation } from './entities/organisation';
import type { PartnersLoaders } from './loaders';

type Ctx = SubgraphContext<PartnersLoaders>;

@InputType({ description: 'Narrows the list of organisations; every condition given must hold.' })
export class OrganisationFilter {
  @Field(() => OrganisationKind, { nullable: true })
  kind?: OrganisationKind;

  @Field(() => GovernmentLevel, { nullable: true })
  level?: GovernmentLevel;

  @Field(() => ID, { nullable: true, description: 'Only organisations whose territory covers this municipality (NIS code).' })
  municipality?: string;

  @Field(() => ID, { nullable: true, description: 'Only organisations that are a named party to this agreement.' })
  partyTo?: string;

  @Field(() => ID, { nullable: true, description: 'Only organisations that are part of this one.' })
  parent?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Only those known to be in force on this date (see `undeterminedCount` for those it is unknown for).' })
  inForceOn?: Date;

  @Field(() => Boolean, { nullable: true, description: 'With `inForceOn`: also those for which it is unknown whether they are in force then, each saying why in `validity.inForceOn`.' })
  includeUndetermined?: boolean;
}

export const OrganisationConnection = Connection(Organisation, 'Organisation');

@Resolver()
export class OrganisationListResolver {
  @Query(() => OrganisationConnection, { nullable: true, description: 'Organisations, filtered, by name.' })
  async organisations(
    @Arg('filter', () => OrganisationFilter, { nullable: true }) filter: OrganisationFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 100, at most 500).' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Ctx,
  ): Promise<ConnectionShape<Organisation>> {
    const f = filter ?? {};
    const qb = ctx.db.getRepository(Organisation).createQueryBuilder('o').orderBy('o.name').addOrderBy('o.id');
    if (f.kind) qb.andWhere('o.kind = :kind', { kind: f.kind });
    if (f.level) qb.andWhere('o.level = :level', { level: f.level });
    if (f.parent) qb.andWhere('o.parent_id = :parent', { parent: f.parent });
    if (f.municipality) {
      qb.andWhere('EXISTS (SELECT 1 FROM partners.organisation_municipality om WHERE om.organisation_id = o.id AND om.municipality_nis = :nis)', { nis: f.municipality });
    }
    if (f.partyTo) {
      qb.andWhere('EXISTS (SELECT 1 FROM partners.agreement_party p WHERE p.organisation_id = o.id AND p.agreement_id = :agreement)', { agreement: f.partyTo });
    }
    return pageInForce(await qb.getMany(), f, first, after);
  }
}
