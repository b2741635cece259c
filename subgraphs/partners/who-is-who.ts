import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { OrganisationKind } from '../_shared/enums';
import { DateScalar } from '../_shared/graphql-types';
import type { SubgraphContext } from '../_shared/subgraph';
import { knownInForce, mayBeInForce } from '../../core/partial-date';
import { Organisation } from './entities/organisation';
import { Post, PostFunction } from './entities/post';
import { Site, SiteKind } from './entities/site';
import type { PartnersLoaders } from './loaders';
import { Reach, ReachChannel, reachOf } from './reach';

type Ctx = SubgraphContext<PartnersLoaders>;

/** The territory subgraph's who-is-who card, extended here with the services and posts serving the municipality. */
@ObjectType('WhoIsWho')
@Directive('@key(fields: "nis on")')
export class WhoIsWhoCard {
  @Field(() => ID)
  nis: string;

  @Field(() => DateScalar)
  on: string;
}

@ObjectType({ description: 'A service serving the municipality, with its main location(s) and antennes.' })
export class ServiceContact {
  @Field(() => Organisation)
  organisation: Organisation;

  @Field(() => [Site], { description: 'Main locations in use on the date.' })
  mainLocations: Site[];

  @Field(() => [Site], { description: 'Antennes in use on the date (none where the sources name none).' })
  antennes: Site[];
}

/** The liaison functions a who-is-who card lists as posts to contact. */
const LIAISON_FUNCTIONS = new Set<PostFunction>([
  PostFunction.SPOC,
  PostFunction.CASUSREGISSEUR,
  PostFunction.ARIEC_ANALIST,
  PostFunction.REFERENTIEMAGISTRAAT,
  PostFunction.COORDINATOR,
]);

async function servingOn(ctx: Ctx, card: WhoIsWhoCard): Promise<Organisation[]> {
  return (await ctx.loaders.organisationsServing.load(card.nis)).filter((o) => mayBeInForce(o, card.on));
}

export async function serviceOfKind(ctx: Ctx, card: WhoIsWhoCard, kind: OrganisationKind): Promise<ServiceContact | null> {
  // One known to be in force comes before one it is unknown for (each says which in `validity`).
  const candidates = (await servingOn(ctx, card)).filter((o) => o.kind === kind);
  const organisation = candidates.find((o) => knownInForce(o, card.on)) ?? candidates[0];
  if (!organisation) return null;
  const sites = (await ctx.loaders.sitesOfOrganisation.load(organisation.id)).filter((s) => mayBeInForce(s, card.on));
  return {
    organisation,
    mainLocations: sites.filter((s) => s.kind === SiteKind.MAIN),
    antennes: sites.filter((s) => s.kind === SiteKind.ANTENNE),
  };
}

@Resolver(() => WhoIsWhoCard)
export class WhoIsWhoPartnersResolver {
  @FieldResolver(() => ServiceContact, { nullable: true, description: 'The Veilig Huis serving the municipality on the date; null where unknown.' })
  veiligHuis(@Root() card: WhoIsWhoCard, @Ctx() ctx: Ctx) {
    return serviceOfKind(ctx, card, OrganisationKind.VEILIG_HUIS);
  }

  @FieldResolver(() => ServiceContact, { nullable: true, description: 'The ARIEC serving the municipality on the date; null where unknown.' })
  ariec(@Root() card: WhoIsWhoCard, @Ctx() ctx: Ctx) {
    return serviceOfKind(ctx, card, OrganisationKind.ARIEC);
  }

  @FieldResolver(() => ServiceContact, { nullable: true, description: 'The local police (the police zone\'s organisation) serving the municipality on the date.' })
  policeService(@Root() card: WhoIsWhoCard, @Ctx() ctx: Ctx) {
    return serviceOfKind(ctx, card, OrganisationKind.POLITIEZONE);
  }

  @FieldResolver(() => [Organisation], { nullable: true, description: 'Every organisation whose territory covers the municipality on the date.' })
  servingOrganisations(@Root() card: WhoIsWhoCard, @Ctx() ctx: Ctx) {
    return servingOn(ctx, card);
  }

  @FieldResolver(() => [Post], {
    nullable: true,
    description: 'The liaison posts to contact (SPOC, casusregisseur, ARIEC analyst, referentiemagistraat, coördinator) of the organisations serving the municipality; each organisation carries its public contact points.',
  })
  async contacts(@Root() card: WhoIsWhoCard, @Ctx() ctx: Ctx) {
    const organisations = await servingOn(ctx, card);
    const [own, ofKinds, ownScope] = await Promise.all([
      ctx.loaders.postsOfOrganisation.loadMany(organisations.map((o) => o.id)),
      // A post every organisation of a kind has, once for the kinds that serve the municipality.
      ctx.loaders.postsOfKind.loadMany([...new Set(organisations.map((o) => o.kind))]),
      ctx.loaders.ownScopePostsCovering.load(card.nis),
    ]);
    // A post with a territory of its own is a contact only where that territory covers the municipality.
    const covering = new Set(ownScope.map((c) => c.postId));
    return [...own, ...ofKinds]
      .flatMap((list) => (Array.isArray(list) ? list : []))
      .filter((p) => LIAISON_FUNCTIONS.has(p.function) && mayBeInForce(p, card.on) && (!p.serves || covering.has(p.id)));
  }
}

@Resolver(() => ServiceContact)
export class ServiceContactResolver {
  @FieldResolver(() => Reach, { description: 'How to reach the service: its own contact points, else the nearest channel a source gives, else an explicit "none known".' })
  reach(@Root() service: ServiceContact, @Ctx() ctx: Ctx): Promise<Reach> {
    return reachOf(ctx.loaders, service.organisation);
  }
}

@Resolver(() => ReachChannel)
export class ReachChannelResolver {
  @FieldResolver(() => Organisation, { nullable: true, description: 'The body whose channel it is.' })
  organisation(@Root() channel: ReachChannel, @Ctx() ctx: Ctx) {
    return ctx.loaders.organisation.load(channel.organisationId);
  }
}

export const whoIsWhoPartnersReferenceResolver = {
  WhoIsWho: {
    __resolveReference(ref: { nis: string; on: string }) {
      return ref;
    },
  },
};
