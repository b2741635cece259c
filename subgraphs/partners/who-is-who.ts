import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import { OrganisationKind, TerritorialScale } from '../_shared/enums';
import { DateScalar, type TerritoryRef } from '../_shared/graphql-types';
import { type SubgraphContext, memoized } from '../_shared/subgraph';
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

export enum ContactLevel {
  LOCAL = 'LOCAL',
  REGIONAL = 'REGIONAL',
  FLEMISH_FEDERAL = 'FLEMISH_FEDERAL',
}
registerEnumType(ContactLevel, { name: 'ContactLevel', description: 'How wide the territory a contact serves is: the municipality or its zone, a region, Flanders or Belgium.' });

const CONTACT_LEVELS = [
  { level: ContactLevel.LOCAL, label: 'Voor uw gemeente' },
  { level: ContactLevel.REGIONAL, label: 'Regionaal' },
  { level: ContactLevel.FLEMISH_FEDERAL, label: 'Vlaams en federaal aanspreekpunt' },
];

const LOCAL_SCALES = new Set<TerritorialScale>([TerritorialScale.MUNICIPALITY, TerritorialScale.POLICE_ZONE]);
const WIDE_SCALES = new Set<TerritorialScale>([TerritorialScale.FLANDERS, TerritorialScale.BRUSSELS, TerritorialScale.BELGIUM]);

/** A territory's level: its narrowest scale decides (a zone's SPOC is local, an arrondissement's analyst regional). */
function levelOfScope(scope: TerritoryRef[]): ContactLevel {
  if (scope.some((t) => LOCAL_SCALES.has(t.scale))) return ContactLevel.LOCAL;
  if (scope.length && scope.every((t) => WIDE_SCALES.has(t.scale))) return ContactLevel.FLEMISH_FEDERAL;
  return ContactLevel.REGIONAL;
}

@ObjectType({ description: 'Contacts of one level, for people: a Dutch heading and the posts.' })
export class ContactGroup {
  @Field(() => ContactLevel)
  level: ContactLevel;

  @Field(() => String, { description: 'The heading, in Dutch.' })
  label: string;

  @Field(() => [Post])
  contacts: Post[];
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
  contacts(@Root() card: WhoIsWhoCard, @Ctx() ctx: Ctx) {
    return contactsOn(ctx, card);
  }

  @FieldResolver(() => [ContactGroup], {
    description: 'The same contacts, grouped from local to national: "Voor uw gemeente", "Regionaal", "Vlaams en federaal aanspreekpunt" (empty groups left out).',
  })
  async contactGroups(@Root() card: WhoIsWhoCard, @Ctx() ctx: Ctx): Promise<ContactGroup[]> {
    const posts = await contactsOn(ctx, card);
    const serving = await servingOn(ctx, card);
    const organisations = new Map(serving.map((o) => [o.id, o]));
    // A post of every organisation of a kind serves where that kind's organisation here does.
    const kindScale = new Map(serving.map((o) => [o.kind, o.serves]));
    const levelOf = (p: Post): ContactLevel => levelOfScope(p.serves ?? (p.organisationId ? organisations.get(p.organisationId)?.serves : kindScale.get(p.organisationKind!)) ?? []);
    return CONTACT_LEVELS.flatMap(({ level, label }) => {
      const contacts = posts.filter((p) => levelOf(p) === level);
      return contacts.length ? [{ level, label, contacts }] : [];
    });
  }
}

async function contactsOn(ctx: Ctx, card: WhoIsWhoCard): Promise<Post[]> {
  return memoized(ctx, `contacts:${card.nis}:${card.on}`, async () => {
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
  });
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
