import { Arg, Ctx, Field, ID, InputType, Int, Query, Resolver } from 'type-graphql';
import { Connection, type ConnectionShape } from '../_shared/connection';
import { pageInForce } from '../_shared/in-force-filter';
import { GovernmentLevel } from '../_shared/enums';
import { DateScalar } from '../_shared/graphql-types';
import type { SubgraphContext } from '../_shared/subgraph';
import { LegalBasis, LegalBasisKind } from './entities/legal-basis';
import type { LegalLoaders } from './loaders';

type Ctx = SubgraphContext<LegalLoaders>;

@InputType({ description: 'Narrows the list of legal bases; every condition given must hold.' })
export class LegalBasisFilter {
  @Field(() => LegalBasisKind, { nullable: true })
  kind?: LegalBasisKind;

  @Field(() => GovernmentLevel, { nullable: true })
  level?: GovernmentLevel;

  @Field(() => DateScalar, { nullable: true, description: 'Only those known to be in force on this date (see `undeterminedCount` for those it is unknown for).' })
  inForceOn?: Date;

  @Field(() => Boolean, { nullable: true, description: 'With `inForceOn`: also those for which it is unknown whether they are in force then, each saying why in `validity.inForceOn`.' })
  includeUndetermined?: boolean;

  @Field(() => ID, { nullable: true, description: 'Only bases related to this one (either direction: replaces, implements, amends, inserts).' })
  relatedTo?: string;
}

export const LegalBasisConnection = Connection(LegalBasis, 'LegalBasis');

@Resolver()
export class LegalBasisListResolver {
  @Query(() => LegalBasisConnection, { nullable: true, description: 'Legal bases, filtered, by id.' })
  async legalBases(
    @Arg('filter', () => LegalBasisFilter, { nullable: true }) filter: LegalBasisFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 100, at most 500).' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Ctx,
  ): Promise<ConnectionShape<LegalBasis>> {
    const f = filter ?? {};
    const qb = ctx.db.getRepository(LegalBasis).createQueryBuilder('b').orderBy('b.id');
    if (f.kind) qb.andWhere('b.kind = :kind', { kind: f.kind });
    if (f.level) qb.andWhere('b.level = :level', { level: f.level });
    if (f.relatedTo) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM legal.legal_relation r WHERE (r.from_id = b.id AND r.to_id = :related) OR (r.to_id = b.id AND r.from_id = :related))`,
        { related: f.relatedTo },
      );
    }
    return pageInForce(await qb.getMany(), f, first, after);
  }
}
