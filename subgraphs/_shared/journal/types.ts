import { JSONObjectResolver } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../graphql-types';

/** The kinds of record editors change; the change feed and history name them. */
export enum RecordType {
  ORGANISATION = 'ORGANISATION',
  POST = 'POST',
  POST_HOLDER = 'POST_HOLDER',
  SITE = 'SITE',
  AGREEMENT = 'AGREEMENT',
  INSTRUMENT = 'INSTRUMENT',
}
registerEnumType(RecordType, { name: 'RecordType', description: 'A kind of registry record that editors keep current.' });

export enum ChangeAction {
  CREATED = 'CREATED',
  CHANGED = 'CHANGED',
  ENDED = 'ENDED',
  /** Taken out of the registry because the seed files no longer contain it (editors end records, never remove them). */
  REMOVED = 'REMOVED',
}
registerEnumType(ChangeAction, { name: 'ChangeAction', description: 'What a write did to a record: created it, changed it, ended its validity, or (seed files only) removed it.' });

export const JSONObjectScalar = JSONObjectResolver;

@ObjectType({ description: 'One state a record has had: its version, what the write did, when, and the whole record as it was then.' })
@Directive('@shareable')
export class RecordVersion {
  @Field(() => Int)
  version: number;

  @Field(() => ChangeAction)
  action: ChangeAction;

  @Field(() => DateTimeScalar, { description: 'When this state was written.' })
  recordedAt: Date;

  @Field(() => JSONObjectScalar, { description: 'The record as it was in this version, with the field names of its GraphQL type.' })
  state: Record<string, unknown>;
}

@ObjectType({ description: 'One entry of the change feed: a record was created, changed or ended.' })
@Directive('@shareable')
export class Change {
  @Field(() => RecordType)
  type: RecordType;

  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The record\'s version after this change.' })
  version: number;

  @Field(() => ChangeAction)
  action: ChangeAction;

  @Field(() => DateTimeScalar)
  at: Date;

  @Field(() => [ID], { description: 'The organisations whose record this is (for an agreement: its named parties).' })
  organisationIds: string[];

  @Field(() => String, { description: 'Pass as `after` to continue the feed after this change.' })
  cursor: string;
}

@ObjectType({ description: 'A part of the registry that did not answer: what it holds is missing from this answer.' })
@Directive('@shareable')
export class UnavailablePart {
  @Field(() => String, { description: 'The part, as UNAVAILABLE errors name it (partners, legal, territory, instruments, database).' })
  service: string;

  @Field(() => String, { description: 'TIMEOUT, UNREACHABLE or OVERLOADED.' })
  reason: string;

  @Field(() => String)
  message: string;
}

@ObjectType({ description: 'A page of the change feed, oldest change first.' })
@Directive('@shareable')
export class ChangeFeed {
  @Field(() => [Change])
  changes: Change[];

  @Field(() => Boolean, { description: 'Whether more changes follow: ask again with `after: endCursor`.' })
  hasMore: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the last change of this page; keep it to resume later.' })
  endCursor: string | null;

  @Field(() => [UnavailablePart], {
    description:
      'Parts of the registry whose changes are missing from this page because they did not answer. The page is then incomplete: ' +
      '`hasMore` is false and `endCursor` does not move, so that nothing is skipped; ask again with the same cursor later.',
  })
  unavailable: UnavailablePart[];
}

@ObjectType({ description: 'A record not confirmed for longer than the period asked for.' })
@Directive('@shareable')
export class StaleRecord {
  @Field(() => RecordType)
  type: RecordType;

  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'Its name or title.' })
  label: string;

  @Field(() => [ID], { description: 'The organisations whose record it is.' })
  organisationIds: string[];

  @Field(() => DateScalar, { nullable: true, description: 'Last confirmed (source consulted or editor confirmation); null: never.' })
  lastConfirmed: string | null;
}
