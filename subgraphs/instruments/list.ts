import { Arg, Ctx, Field, ID, InputType, Int, Query, Resolver } from 'type-graphql';
import { Connection, type ConnectionShape } from '../_shared/connection';
import { pageInForce } from '../_shared/in-force-filter';
import { OrganisationKind, TerritorialScale } from '../_shared/enums';
import { DateScalar } from '../_shared/graphql-types';
import type { SubgraphContext } from '../_shared/subgraph';
import { Instrument, InstrumentKind } from './entities/instrument';
import { ServDimension, ServPrinciple } from './entities/serv';
import type { InstrumentsLoaders } from './loaders';

type Ctx = SubgraphContext<InstrumentsLoaders>;

@InputType({ description: 'Narrows the list of instruments; every condition given must hold.' })
export class InstrumentFilter {
  @Field(() => ID, { nullable: true, description: 'Only instruments of this report case.' })
  case?: string;

  @Field(() => ServPrinciple, { nullable: true, description: 'Only instruments classified under this principle (with `dimension`: in this cell).' })
  principle?: ServPrinciple;

  @Field(() => ServDimension, { nullable: true })
  dimension?: ServDimension;

  @Field(() => ID, { nullable: true, description: 'Only instruments this organisation is a named partner of.' })
  partner?: string;

  @Field(() => OrganisationKind, { nullable: true, description: 'Only instruments with a partner of this kind named generically.' })
  partnerKind?: OrganisationKind;

  @Field(() => ID, { nullable: true, description: 'Only instruments resting on this legal basis.' })
  legalBasis?: string;

  @Field(() => InstrumentKind, { nullable: true })
  kind?: InstrumentKind;

  @Field(() => TerritorialScale, { nullable: true, description: 'Only instruments working on this territorial scale.' })
  scale?: TerritorialScale;

  @Field(() => String, { nullable: true, description: 'Only instruments whose territory is this area (territory id, for example ga-limburg).' })
  territory?: string;

  @Field(() => String, { nullable: true, description: 'Only instruments about this phenomenon (slug, for example intrafamiliaal-geweld).' })
  phenomenon?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Only those known to be in force on this date (see `undeterminedCount` for those it is unknown for).' })
  inForceOn?: Date;

  @Field(() => Boolean, { nullable: true, description: 'With `inForceOn`: also those for which it is unknown whether they are in force then, each saying why in `validity.inForceOn`.' })
  includeUndetermined?: boolean;
}

export const InstrumentConnection = Connection(Instrument, 'Instrument');

@Resolver()
export class InstrumentListResolver {
  @Query(() => InstrumentConnection, { nullable: true, description: 'Cooperation instruments for researchers, filtered, by name.' })
  async cooperationInstruments(
    @Arg('filter', () => InstrumentFilter, { nullable: true }) filter: InstrumentFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 100, at most 500).' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Ctx,
  ): Promise<ConnectionShape<Instrument>> {
    const f = filter ?? {};
    const qb = ctx.db.getRepository(Instrument).createQueryBuilder('i').orderBy('i.name').addOrderBy('i.id');
    if (f.case) qb.andWhere('i.case_id = :caseId', { caseId: f.case });
    if (f.partner) qb.andWhere(':partner = ANY(i.partner_ids)', { partner: f.partner });
    if (f.partnerKind) qb.andWhere(':partnerKind = ANY(i.partner_kinds)', { partnerKind: f.partnerKind });
    if (f.legalBasis) qb.andWhere(':legalBasis = ANY(i.legal_basis_ids)', { legalBasis: f.legalBasis });
    if (f.kind) qb.andWhere('i.kind = :kind', { kind: f.kind });
    if (f.phenomenon) qb.andWhere(':phenomenon = ANY(i.phenomena)', { phenomenon: f.phenomenon });
    if (f.scale || f.territory) {
      qb.andWhere('i.territory @> :territory::jsonb', { territory: JSON.stringify([{ ...(f.scale ? { scale: f.scale } : {}), ...(f.territory ? { ref: f.territory } : {}) }]) });
    }
    if (f.principle || f.dimension) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM instruments.serv_classification c WHERE c.instrument_id = i.id
           AND (:principle::text IS NULL OR c.principle = :principle) AND (:dimension::text IS NULL OR c.dimension = :dimension)
           AND (:caseId::text IS NULL OR c.case_id = :caseId))`,
        { principle: f.principle ?? null, dimension: f.dimension ?? null, caseId: f.case ?? null },
      );
    }
    return pageInForce(await qb.getMany(), f, first, after);
  }
}
