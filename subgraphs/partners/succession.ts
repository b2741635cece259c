import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../_shared/subgraph';
import { PartialDate } from '../_shared/validity-types';
import { Organisation } from './entities/organisation';
import { Succession, type SuccessionRow } from './entities/succession';
import type { PartnersLoaders } from './loaders';

type Ctx = SubgraphContext<PartnersLoaders>;

const toSuccession = (row: SuccessionRow, otherId: string): Succession => ({
  type: row.type,
  otherId,
  date: row.dateEdtf ? new PartialDate({ edtf: row.dateEdtf, planned: false }) : null,
  note: row.note,
  sources: row.sources,
});

/** An organisation's lineage: the bodies it followed and the ones that followed it (entities/succession.ts). */
@Resolver(() => Organisation)
export class SuccessionResolver {
  @FieldResolver(() => [Succession], { description: 'The bodies this one followed (or may be the same as: UNSETTLED).' })
  async predecessors(@Root() o: Organisation, @Ctx() ctx: Ctx): Promise<Succession[]> {
    return (await ctx.loaders.successionsOf.load(o.id)).filter((r) => r.successorId === o.id).map((r) => toSuccession(r, r.predecessorId));
  }

  @FieldResolver(() => [Succession], { description: 'The bodies that followed this one (or may be the same as it: UNSETTLED).' })
  async successors(@Root() o: Organisation, @Ctx() ctx: Ctx): Promise<Succession[]> {
    return (await ctx.loaders.successionsOf.load(o.id)).filter((r) => r.predecessorId === o.id).map((r) => toSuccession(r, r.successorId));
  }
}

@Resolver(() => Succession)
export class SuccessionOrganisationResolver {
  @FieldResolver(() => Organisation, { nullable: true, description: 'The other organisation.' })
  organisation(@Root() s: Succession, @Ctx() ctx: Ctx) {
    return ctx.loaders.organisation.load(s.otherId);
  }
}
