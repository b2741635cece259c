import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { type ReadSection, throughShared } from './shared-reads';

/**
 * One SQL statement per entity type per request tick, whatever the list length: every list-to-entity hop goes
 * through one of these. A loader lives for one request; with `shared` it also reads through the rows kept across
 * requests until the next write (shared-reads.ts), which are the same for every caller: field rules decide what
 * a caller sees, not the loaders.
 */
export function entityLoader<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (value: V) => K,
  shared?: ReadSection,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>((keys) =>
    throughShared(
      keys,
      async (missing) => {
        const rows = await fetch(missing);
        const byKey = new Map(rows.map((row) => [keyOf(row), row]));
        return missing.map((key) => byKey.get(key) ?? null);
      },
      shared,
    ),
  );
}

/** Like `entityLoader`, for one-to-many: each key gets the (possibly empty) list of rows that belong to it. */
export function groupLoader<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (value: V) => K | K[],
  shared?: ReadSection,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>((keys) =>
    throughShared(
      keys,
      async (missing) => {
        const rows = await fetch(missing);
        const groups = new Map<K, V[]>(missing.map((key) => [key, []]));
        for (const row of rows) {
          const rowKeys = keyOf(row);
          for (const key of Array.isArray(rowKeys) ? rowKeys : [rowKeys]) groups.get(key)?.push(row);
        }
        return missing.map((key) => groups.get(key) ?? []);
      },
      shared,
    ),
  );
}

/** An `entityLoader` over a TypeORM entity's key column: `WHERE <key> IN (...)`, one statement per batch. */
export function rowsByKey<E extends object, K extends keyof E & string>(
  db: import('typeorm').DataSource,
  entity: new () => E,
  key: K,
  shared?: ReadSection,
): DataLoader<string, E | null> {
  const repo = db.getRepository(entity);
  return entityLoader<string, E>(
    (keys) => repo.findBy({ [key]: In(keys as string[]) } as never),
    (row) => String(row[key]),
    shared,
  );
}

/** A `groupLoader` over a relation's two ends: each row is listed under both (`from` and `to`, either direction). */
export function rowsAtEitherEnd<E extends object, K extends keyof E & string>(
  db: import('typeorm').DataSource,
  entity: new () => E,
  ends: [K, K],
  order?: import('typeorm').FindOptionsOrder<E>,
  shared?: ReadSection,
): DataLoader<string, E[]> {
  const repo = db.getRepository(entity);
  return groupLoader<string, E>(
    (keys) => repo.find({ where: ends.map((end) => ({ [end]: In(keys as string[]) })) as never, order }),
    (row) => ends.map((end) => String(row[end])),
    shared,
  );
}

/** A `groupLoader` over a TypeORM entity's foreign-key column. */
export function rowsGroupedBy<E extends object, K extends keyof E & string>(
  db: import('typeorm').DataSource,
  entity: new () => E,
  key: K,
  order?: import('typeorm').FindOptionsOrder<E>,
  shared?: ReadSection,
): DataLoader<string, E[]> {
  const repo = db.getRepository(entity);
  return groupLoader<string, E>(
    (keys) => repo.find({ where: { [key]: In(keys as string[]) } as never, order }),
    (row) => String(row[key]),
    shared,
  );
}
