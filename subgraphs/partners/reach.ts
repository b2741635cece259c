import { Field, ObjectType } from 'type-graphql';
import { Source, type SourceRecord } from '../_shared/graphql-types';
import { ContactPointKind, type Organisation } from './entities/organisation';
import type { PartnersLoaders } from './loaders';

/**
 * How to reach a service on a card (docs/data.md, "Reaching a service"): its own public contact points; where it
 * has none, the nearest channel a source gives, labelled as not its own — the body it may be (an unsettled
 * succession), its parent organisation, a public helpline named for its kind; where nothing is known, an
 * explicit "geen publiek contactpunt bekend", never silence.
 */
export enum ReachVia {
  OWN = 'OWN',
  SAME_BODY_UNSETTLED = 'SAME_BODY_UNSETTLED',
  PARENT = 'PARENT',
  HELPLINE = 'HELPLINE',
}

@ObjectType({ description: 'A way to reach a service: its own contact point, or the nearest one a source gives, labelled.' })
export class ReachChannel {
  @Field(() => ContactPointKind)
  kind: ContactPointKind;

  @Field(() => String)
  value: string;

  @Field(() => Boolean, { description: 'The service\'s own contact point; false for a channel of another body.' })
  own: boolean;

  @Field(() => String, { description: 'OWN, SAME_BODY_UNSETTLED (of a body it may be), PARENT (of its parent organisation), HELPLINE (a public helpline named for its kind).' })
  via: ReachVia;

  /** The body whose channel it is (resolved to `organisation`). */
  organisationId: string;

  @Field(() => String, { description: 'Whose channel it is and why it is offered, in Dutch.' })
  label: string;

  @Field(() => [Source])
  sources: SourceRecord[];
}

@ObjectType({ description: 'How to reach a service, or that no public channel is known.' })
export class Reach {
  @Field(() => Boolean, { description: 'The service has a public contact point of its own.' })
  ownKnown: boolean;

  @Field(() => [ReachChannel], { description: 'Its own channels first, then the nearest ones of other bodies.' })
  channels: ReachChannel[];

  @Field(() => String, { description: 'In Dutch: what is known about reaching it ("geen publiek contactpunt bekend" where nothing is).' })
  explanation: string;

  @Field(() => String, { description: 'A stable code: OWN, NEAREST_ONLY or NONE_KNOWN.' })
  code: 'OWN' | 'NEAREST_ONLY' | 'NONE_KNOWN';
}

const channelsOf = (o: Organisation, via: ReachVia, label: string): ReachChannel[] =>
  o.contactPoints.map((c) => ({ kind: c.kind, value: c.value, own: via === ReachVia.OWN, via, organisationId: o.id, label, sources: c.sources }));

export async function reachOf(loaders: PartnersLoaders, organisation: Organisation): Promise<Reach> {
  const own = channelsOf(organisation, ReachVia.OWN, `eigen contactpunt van ${organisation.name}`);
  if (own.length) return { ownKnown: true, channels: own, code: 'OWN', explanation: `${organisation.name} is te bereiken via de eigen publieke contactpunten hieronder.` };
  const nearest: ReachChannel[] = [];
  const successions = (await loaders.successionsOf.load(organisation.id)).filter((s) => s.type === 'UNSETTLED');
  const sameBody = await loaders.organisation.loadMany(successions.map((s) => (s.predecessorId === organisation.id ? s.successorId : s.predecessorId)));
  for (const other of sameBody) {
    if (other && !(other instanceof Error)) nearest.push(...channelsOf(other, ReachVia.SAME_BODY_UNSETTLED, `contactpunt van ${other.name}, mogelijk dezelfde dienst (de bronnen bevestigen dat niet)`));
  }
  const parent = organisation.parentId ? await loaders.organisation.load(organisation.parentId) : null;
  if (parent) nearest.push(...channelsOf(parent, ReachVia.PARENT, `contactpunt van de moederorganisatie ${parent.name}, niet van ${organisation.name} zelf`));
  for (const helpline of await loaders.helplinesOfKind.load(organisation.kind)) {
    const body = await loaders.organisation.load(helpline.organisationId);
    if (body) nearest.push(...channelsOf(body, ReachVia.HELPLINE, `${body.name}: ${helpline.note}`).map((c) => ({ ...c, sources: [...c.sources, ...helpline.sources] })));
  }
  if (nearest.length) {
    return { ownKnown: false, channels: nearest, code: 'NEAREST_ONLY', explanation: `Geen publiek contactpunt van ${organisation.name} zelf bekend; hieronder het dichtstbijzijnde kanaal dat een bron noemt, niet van de dienst zelf.` };
  }
  return { ownKnown: false, channels: [], code: 'NONE_KNOWN', explanation: `Geen publiek contactpunt bekend voor ${organisation.name}.` };
}
