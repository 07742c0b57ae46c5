import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { VisibleError } from "../errors";
import type { Db } from "./client";

export interface Page<T> {
  items: T[];
  next: string | null;
}

type Key = Record<string, unknown>;

export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(cursor: string): Key {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof key === "object" && key !== null && !Array.isArray(key)) return key as Key;
  } catch {}
  throw new VisibleError(
    "input",
    "request.invalid_cursor",
    "The cursor is not one this API returned.",
  );
}

/**
 * One page of a Query, filters included: keeps reading until `limit` items pass the
 * filter or the partition ends, and returns a cursor that resumes after the last item.
 */
export async function queryPage(
  db: Db,
  input: QueryCommandInput,
  options: { limit: number; cursor?: string; keyOf: (item: Key) => Key },
): Promise<Page<Key>> {
  const items: Key[] = [];
  let start = options.cursor ? decodeCursor(options.cursor) : undefined;
  do {
    const result = await db.send(
      new QueryCommand({ ...input, ExclusiveStartKey: start, Limit: options.limit - items.length }),
    );
    items.push(...(result.Items ?? []));
    start = result.LastEvaluatedKey;
  } while (start && items.length < options.limit);
  const last = items.at(-1);
  return { items, next: start && last ? encodeCursor(options.keyOf(last)) : null };
}

/** Every item a Query matches, following LastEvaluatedKey (for reads that need them all). */
export async function queryAll(db: Db, input: QueryCommandInput): Promise<Key[]> {
  const items: Key[] = [];
  let start: Key | undefined;
  do {
    const result = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(result.Items ?? []));
    start = result.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Every item of a paged listing, page after page (for the few, small lists that are read whole). */
export async function allPages<T>(page: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.next ?? undefined;
  } while (cursor);
  return items;
}
