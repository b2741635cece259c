import DataLoader from 'dataloader';
import { In } from 'typeorm';

/**
 * One SQL statement per entity type per request tick, whatever the list length: every list-to-entity hop goes
 * through one of these. Loaders live for one request only, so nothing cached crosses callers.
 */
export function entityLoader<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (value: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Like `entityLoader`, for one-to-many: each key gets the (possibly empty) list of rows that belong to it. */
export function groupLoader<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (value: V) => K | K[],
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const row of rows) {
      const rowKeys = keyOf(row);
      for (const key of Array.isArray(rowKeys) ? rowKeys : [rowKeys]) groups.get(key)?.push(row);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** An `entityLoader` over a TypeORM entity's key column: `WHERE <key> IN (...)`, one statement per batch. */
export function rowsByKey<E extends object, K extends keyof E & string>(
  db: import('typeorm').DataSource,
  entity: new () => E,
  key: K,
): DataLoader<string, E | null> {
  const repo = db.getRepository(entity);
  return entityLoader<string, E>(
    (keys) => repo.findBy({ [key]: In(keys as string[]) } as never),
    (row) => String(row[key]),
  );
}

/** A `groupLoader` over a relation's two ends: each row is listed under both (`from` and `to`, either direction). */
export function rowsAtEitherEnd<E extends object, K extends keyof E & string>(
  db: import('typeorm').DataSource,
  entity: new () => E,
  ends: [K, K],
  order?: import('typeorm').FindOptionsOrder<E>,
): DataLoader<string, E[]> {
  const repo = db.getRepository(entity);
  return groupLoader<string, E>(
    (keys) => repo.find({ where: ends.map((end) => ({ [end]: In(keys as string[]) })) as never, order }),
    (row) => ends.map((end) => String(row[end])),
  );
}

/** A `groupLoader` over a TypeORM entity's foreign-key column. */
export function rowsGroupedBy<E extends object, K extends keyof E & string>(
  db: import('typeorm').DataSource,
  entity: new () => E,
  key: K,
  order?: import('typeorm').FindOptionsOrder<E>,
): DataLoader<string, E[]> {
  const repo = db.getRepository(entity);
  return groupLoader<string, E>(
    (keys) => repo.find({ where: { [key]: In(keys as string[]) } as never, order }),
    (row) => String(row[key]),
  );
}
