import { Directive, Field, Int, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { badInput } from '../../core/errors';

/**
 * Relay-style connections for lists that can grow. Cursors are opaque (base64 of the row's sort key), so a
 * client can page without knowing how the list is ordered, and the order can change without breaking clients.
 */

@ObjectType({ description: 'Where a page of a connection sits in the whole list.' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor: string | null;
}

export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
  /** With a date filter: how many records it is unknown for whether they are in force then. */
  undeterminedCount?: number | null;
}

const cache = new Map<string, ClassType<ConnectionShape<unknown>>>();

/** The connection type `<Name>Connection` with its `<Name>Edge`, created once per node type. */
export function Connection<T extends object>(node: ClassType<T>, name: string): ClassType<ConnectionShape<T>> {
  const existing = cache.get(name);
  if (existing) return existing as ClassType<ConnectionShape<T>>;

  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} results.` })
  class ConnectionType {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => [node], { description: 'The nodes of `edges`, for clients that need no cursors.' })
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many results the whole list has.' })
    totalCount: number;

    @Field(() => Int, {
      nullable: true,
      description:
        'With an `inForceOn` filter: how many records the sources leave it unknown for whether they are in force on that date (left out unless `includeUndetermined`; each says why in `validity.inForceOn`). Null without a date filter.',
    })
    undeterminedCount: number | null;
  }
  cache.set(name, ConnectionType as ClassType<ConnectionShape<unknown>>);
  return ConnectionType as ClassType<ConnectionShape<T>>;
}

export const MAX_PAGE_SIZE = 500;

export const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');

export function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badInput(`"${cursor}" is geen cursor van deze lijst: geef de endCursor van een vorige pagina.`, { argument: 'after', reason: 'NOT_A_CURSOR' });
  return Number(match[1]) + 1;
}

export function checkPageSize(first: number | null | undefined, fallback = 100): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput(`first moet tussen 1 en ${MAX_PAGE_SIZE} liggen; kreeg ${first}.`, { argument: 'first', reason: 'OUT_OF_RANGE', min: 1, max: MAX_PAGE_SIZE });
  }
  return size;
}

/**
 * A page of an ordered, already filtered list. Lists in this registry are bounded (hundreds of rows), so they
 * are filtered in one SQL statement and paged here; the cursor format leaves room to move paging into SQL.
 */
export function page<T>(all: T[], first: number | null | undefined, after: string | null | undefined): ConnectionShape<T> {
  const size = checkPageSize(first);
  const start = decodeCursor(after);
  const slice = all.slice(start, start + size);
  const edges = slice.map((node, i) => ({ cursor: encodeCursor(start + i), node }));
  return {
    edges,
    nodes: slice,
    pageInfo: { hasNextPage: start + size < all.length, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: all.length,
  };
}
