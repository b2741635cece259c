import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { IsNull, Not } from 'typeorm';
import { OrganisationKind } from '../_shared/enums';
import { DateScalar, SOURCES_CONSULTED, lastConfirmedOf } from '../_shared/graphql-types';
import { LegalBasisRef, MunicipalityRef, legalBasisRefs } from '../_shared/references';
import type { SubgraphContext } from '../_shared/subgraph';
import { toIsoDate } from '../../core/dates';
import { mayBeInForce, inForceBoolean } from '../../core/partial-date';
import { Agreement, AgreementParty } from './entities/agreement';
import { ContactPoint, Organisation } from './entities/organisation';
import { Post } from './entities/post';
import { Site } from './entities/site';
import type { PartnersLoaders } from './loaders';
import { ServiceContact, serviceOfKind } from './who-is-who';

type Ctx = SubgraphContext<PartnersLoaders>;
type DateArg = Date | null;

const onArg = () => Arg('on', () => DateScalar, { nullable: true, description: 'Reference date (default today).' });

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, { nullable: true, description: 'An organisation by id.' })
  organisation(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.organisation.load(id);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation this one is part of.' })
  parent(@Root() o: Organisation, @Ctx() ctx: Ctx) {
    return o.parentId ? ctx.loaders.organisation.load(o.parentId) : null;
  }

  @FieldResolver(() => [Site], { description: 'Main locations and antennes in use on the date.' })
  async sites(@Root() o: Organisation, @onArg() on: DateArg, @Ctx() ctx: Ctx) {
    const date = toIsoDate(on);
    return (await ctx.loaders.sitesOfOrganisation.load(o.id)).filter((s) => mayBeInForce(s, date));
  }

  @FieldResolver(() => [Post], { description: 'The posts (functions) of the organisation on the date.' })
  async posts(@Root() o: Organisation, @onArg() on: DateArg, @Ctx() ctx: Ctx) {
    const date = toIsoDate(on);
    return (await ctx.loaders.postsOfOrganisation.load(o.id)).filter((p) => mayBeInForce(p, date));
  }

  @FieldResolver(() => [Agreement], { description: 'The agreements this organisation is a named party to (partyTo).' })
  async partyTo(@Root() o: Organisation, @Ctx() ctx: Ctx) {
    const parties = await ctx.loaders.partiesOfOrganisation.load(o.id);
    const agreements = await ctx.loaders.agreement.loadMany([...new Set(parties.map((p) => p.agreementId))]);
    return agreements.filter((a): a is Agreement => a !== null && !(a instanceof Error));
  }
}

@Resolver(() => ContactPoint)
export class ContactPointResolver {
  @FieldResolver(() => DateScalar, { nullable: true, description: SOURCES_CONSULTED })
  lastConfirmed(@Root() c: ContactPoint) {
    return lastConfirmedOf(c.sources);
  }
}

@Resolver(() => Site)
export class SiteResolver {
  @FieldResolver(() => Organisation)
  organisation(@Root() s: Site, @Ctx() ctx: Ctx) {
    return ctx.loaders.organisation.load(s.organisationId);
  }

  @FieldResolver(() => MunicipalityRef, { nullable: true })
  municipality(@Root() s: Site): MunicipalityRef {
    return { nis: s.municipalityNis };
  }
}

@Resolver(() => Post)
export class PostResolver {
  // Posts of a kind belong to no organisation, so Organisation.posts never reaches them; exports and clients that
  // list every post need them from here.
  @Query(() => [Post], { nullable: true, description: 'The posts every organisation of a kind has ("elk Veilig Huis"), in force on the date (default today), by title.' })
  async kindPosts(@onArg() on: DateArg, @Ctx() ctx: Ctx) {
    const date = toIsoDate(on);
    const posts = await ctx.db.getRepository(Post).find({ where: { organisationKind: Not(IsNull()) }, order: { title: 'ASC', id: 'ASC' } });
    return posts.filter((p) => mayBeInForce(p, date));
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation the post is in; null for a post of every organisation of a kind (see organisationKind).' })
  organisation(@Root() p: Post, @Ctx() ctx: Ctx) {
    return p.organisationId ? ctx.loaders.organisation.load(p.organisationId) : null;
  }

  @FieldResolver(() => MunicipalityRef, { nullable: true, description: 'Where the post sits; null where no source or editor says.' })
  municipality(@Root() p: Post): MunicipalityRef | null {
    return p.municipalityNis ? { nis: p.municipalityNis } : null;
  }
}

@Resolver(() => Agreement)
export class AgreementResolver {
  @Query(() => Agreement, { nullable: true, description: 'An agreement or protocol by id.' })
  agreement(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.agreement.load(id);
  }

  @Query(() => [Agreement], { nullable: true, description: 'All agreements and protocols, by title.' })
  agreements(@Ctx() ctx: Ctx) {
    return ctx.db.getRepository(Agreement).find({ order: { title: 'ASC' } });
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The agreement this protocol belongs to.' })
  parent(@Root() a: Agreement, @Ctx() ctx: Ctx) {
    return a.parentId ? ctx.loaders.agreement.load(a.parentId) : null;
  }

  @FieldResolver(() => [Agreement], { description: 'Protocols that belong to this agreement.' })
  protocols(@Root() a: Agreement, @Ctx() ctx: Ctx) {
    return ctx.loaders.childrenOfAgreement.load(a.id);
  }

  @FieldResolver(() => [AgreementParty], { description: 'The parties (hasParty), in the order the source names them.' })
  parties(@Root() a: Agreement, @Ctx() ctx: Ctx) {
    return ctx.loaders.partiesOfAgreement.load(a.id);
  }

  @FieldResolver(() => [LegalBasisRef], { nullable: true })
  legalBases(@Root() a: Agreement): LegalBasisRef[] {
    return legalBasisRefs(a.legalBasisIds);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'In force on the date; null when the start date is unconfirmed.' })
  inForce(@Root() a: Agreement, @onArg() on: DateArg) {
    return inForceBoolean(a, toIsoDate(on));
  }
}

@Resolver(() => AgreementParty)
export class AgreementPartyResolver {
  @FieldResolver(() => Organisation, { nullable: true, description: 'Null where the source names a kind of partner only.' })
  organisation(@Root() p: AgreementParty, @Ctx() ctx: Ctx) {
    return p.organisationId ? ctx.loaders.organisation.load(p.organisationId) : null;
  }
}

@Resolver(() => MunicipalityRef)
export class MunicipalityPartnersResolver {
  @FieldResolver(() => [Organisation], { nullable: true, description: 'The organisations whose territory covers this municipality on the date (default today).' })
  async servingOrganisations(
    @Root() m: MunicipalityRef,
    @onArg() on: DateArg,
    @Arg('kind', () => OrganisationKind, { nullable: true }) kind: OrganisationKind | null,
    @Ctx() ctx: Ctx,
  ) {
    const date = toIsoDate(on);
    const organisations = await ctx.loaders.organisationsServing.load(m.nis);
    return organisations.filter((o) => (!kind || o.kind === kind) && mayBeInForce(o, date));
  }

  @FieldResolver(() => ServiceContact, { nullable: true, description: 'The Veilig Huis serving the municipality on the date; null where unknown.' })
  veiligHuis(@Root() m: MunicipalityRef, @onArg() on: DateArg, @Ctx() ctx: Ctx) {
    return serviceOfKind(ctx, { nis: m.nis, on: toIsoDate(on) }, OrganisationKind.VEILIG_HUIS);
  }

  @FieldResolver(() => ServiceContact, { nullable: true, description: 'The ARIEC serving the municipality on the date; null where unknown.' })
  ariec(@Root() m: MunicipalityRef, @onArg() on: DateArg, @Ctx() ctx: Ctx) {
    return serviceOfKind(ctx, { nis: m.nis, on: toIsoDate(on) }, OrganisationKind.ARIEC);
  }

  @FieldResolver(() => [Site], { nullable: true, description: 'Sites (main locations, antennes) located in this municipality.' })
  async sites(@Root() m: MunicipalityRef, @onArg() on: DateArg, @Ctx() ctx: Ctx) {
    const date = toIsoDate(on);
    return (await ctx.loaders.sitesInMunicipality.load(m.nis)).filter((s) => mayBeInForce(s, date));
  }

  @FieldResolver(() => [Agreement], { nullable: true, description: 'Agreements and protocols whose territory covers this municipality.' })
  agreements(@Root() m: MunicipalityRef, @Ctx() ctx: Ctx) {
    return ctx.loaders.agreementsCovering.load(m.nis);
  }
}

export const partnersReferenceResolvers = {
  Organisation: {
    __resolveReference(ref: { id: string }, ctx: Ctx) {
      return ctx.loaders.organisation.load(ref.id);
    },
  },
  Agreement: {
    __resolveReference(ref: { id: string }, ctx: Ctx) {
      return ctx.loaders.agreement.load(ref.id);
    },
  },
  Municipality: {
    __resolveReference(ref: { nis: string }) {
      return ref;
    },
  },
};
