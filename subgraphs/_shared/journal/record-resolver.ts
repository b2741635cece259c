import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { DateScalar, DateTimeScalar, type SourceRecord, lastConfirmedOf } from '../graphql-types';
import type { SubgraphContext } from '../subgraph';
import { type JournalSchema, historyOf, stateAt } from './journal';
import { type RecordType, RecordVersion } from './types';

interface EditableShape {
  id: string;
  sources: SourceRecord[];
  confirmedOn: string | null;
}

/**
 * The fields every editable record has: `lastConfirmed`, its `history` and its state at a moment (`stateAt`).
 * One resolver class per record type, made here so the rules are the same for all of them.
 */
export function EditableRecordResolver<T extends EditableShape>(
  target: ClassType<T>,
  type: RecordType,
  schema: JournalSchema,
  confirmedSources: (record: T) => SourceRecord[] = (record) => record.sources,
) {
  @Resolver(() => target)
  class EditableFields {
    @FieldResolver(() => DateScalar, {
      nullable: true,
      description: 'The most recent date a source for this was consulted or an editor confirmed it; null where neither happened.',
    })
    lastConfirmed(@Root() record: T): string | null {
      return lastConfirmedOf(confirmedSources(record), record.confirmedOn);
    }

    @FieldResolver(() => [RecordVersion], { nullable: true, description: 'Every state the record has had, oldest first.' })
    history(@Root() record: T, @Ctx() ctx: SubgraphContext<unknown>): Promise<RecordVersion[]> {
      return historyOf(ctx.db, schema, type, record.id);
    }

    @FieldResolver(() => RecordVersion, { nullable: true, description: 'The record as the registry held it at a moment; null before it was recorded.' })
    stateAt(@Root() record: T, @Arg('at', () => DateTimeScalar) at: Date, @Ctx() ctx: SubgraphContext<unknown>): Promise<RecordVersion | null> {
      return stateAt(ctx.db, schema, type, record.id, at);
    }
  }
  return EditableFields;
}
