import {
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { EventPublisher } from "@gyre/events";
import type { Db } from "../state/client";
import { conditional } from "../state/keys";
import {
  CLEARED,
  OUTBOX,
  type Outbox,
  PENDING,
  PENDING_ATTRIBUTE,
  PENDING_INDEX,
} from "./announcement";

export interface RelayDeps {
  state: Db;
  bus: EventPublisher;
}

type Key = { pk: unknown; sk: unknown };

/** PutEvents takes at most 10 entries per call. */
const PUT_EVENTS_LIMIT = 10;

/**
 * Publishes the events pending in one item's outbox, then removes exactly the ones the bus
 * took. A crash between the two publishes them again later (at least once; each carries its
 * `eventKey`). Throws when PutEvents refused any; those stay pending for the next relay.
 */
export async function relayItem(deps: RelayDeps, table: string, key: Key): Promise<number> {
  const outbox = await pendingOutbox(deps.state, table, key);
  const keys = Object.keys(outbox);
  if (!keys.length) return 0;
  const published: string[] = [];
  let refusal: Error | undefined;
  for (let i = 0; i < keys.length; i += PUT_EVENTS_LIMIT) {
    const batch = keys.slice(i, i + PUT_EVENTS_LIMIT);
    try {
      const result = await deps.bus.putEvents(batch.map((k) => outbox[k] as Outbox[string]));
      batch.forEach((k, n) => {
        if (result.Entries[n]?.EventId) published.push(k);
        else refusal ??= new Error(`${k}: ${result.Entries[n]?.ErrorCode ?? "not published"}`);
      });
    } catch (error) {
      refusal ??= error as Error;
    }
  }
  if (published.length) await clear(deps.state, table, key, published);
  if (refusal) throw new Error(`Outbox of ${String(key.pk)} ${String(key.sk)}: ${refusal.message}`);
  return published.length;
}

async function pendingOutbox(db: Db, table: string, key: Key): Promise<Outbox> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: table,
      Key: key,
      ProjectionExpression: "#outbox",
      ExpressionAttributeNames: { "#outbox": OUTBOX },
      ConsistentRead: true,
    }),
  );
  return (Item?.[OUTBOX] as Outbox | undefined) ?? {};
}

/**
 * Removes the published entries (and no others: a write may have added some meanwhile); when
 * none are left, the outbox and its index marker go too, unless one arrived in between.
 */
async function clear(db: Db, table: string, key: Key, published: string[]): Promise<void> {
  const names = Object.fromEntries(published.map((k, i) => [`#k${i}`, k]));
  const { Attributes } = await db
    .send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: `REMOVE ${published.map((_, i) => `#outbox.#k${i}`).join(", ")} ADD #cleared :one`,
        ConditionExpression: "attribute_exists(#outbox)",
        ExpressionAttributeNames: { "#outbox": OUTBOX, "#cleared": CLEARED, ...names },
        ExpressionAttributeValues: { ":one": 1 },
        ReturnValues: "ALL_NEW",
      }),
    )
    .catch((error: Error) => {
      if (error.name === "ConditionalCheckFailedException") return { Attributes: undefined };
      throw error;
    });
  const left = Attributes?.[OUTBOX] as Outbox | undefined;
  if (!left || Object.keys(left).length) return;
  await conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: "REMOVE #outbox, #pending",
        ConditionExpression: "size(#outbox) = :none",
        ExpressionAttributeNames: { "#outbox": OUTBOX, "#pending": PENDING_ATTRIBUTE },
        ExpressionAttributeValues: { ":none": 0 },
      }),
    ),
  );
}

/**
 * The relay right after a write: publishes now, and when that fails leaves the events pending
 * for the stream or the sweep, so the caller's change stands either way.
 */
export async function relaySoon(deps: RelayDeps, table: string, key: Key): Promise<void> {
  try {
    await relayItem(deps, table, key);
  } catch (error) {
    console.error(
      JSON.stringify({
        message: "outbox relay failed; the events stay pending for the sweep",
        table,
        error: (error as Error).message,
      }),
    );
  }
}

/** What a service finishes on an item before its events go (say, the audit entries a crash lost). */
export type BeforeRelay = (db: Db, key: Key) => Promise<void>;

/** Relays every item with events still pending: on start, on each tick, after a Lambda timeout. */
export async function sweepOutbox(
  deps: RelayDeps,
  table: string,
  before?: BeforeRelay,
): Promise<{ published: number; failed: number }> {
  let published = 0;
  let failed = 0;
  for await (const key of pendingKeys(deps.state, table)) {
    try {
      await before?.(deps.state, key);
      published += await relayItem(deps, table, key);
    } catch {
      failed += 1;
    }
  }
  return { published, failed };
}

async function* pendingKeys(db: Db, table: string): AsyncGenerator<Key> {
  const query: QueryCommandInput = {
    TableName: table,
    IndexName: PENDING_INDEX,
    KeyConditionExpression: "#pending = :pending",
    ExpressionAttributeNames: { "#pending": PENDING_ATTRIBUTE },
    ExpressionAttributeValues: { ":pending": PENDING },
    ProjectionExpression: "pk, sk",
  };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await pageOfPending(db, query, start);
    yield* (page.Items ?? []) as Key[];
    start = page.LastEvaluatedKey;
  } while (start);
}

/** A table made before the index existed (a local home from an older Gyre) is scanned instead. */
async function pageOfPending(
  db: Db,
  query: QueryCommandInput,
  start: Record<string, unknown> | undefined,
) {
  try {
    return await db.send(new QueryCommand({ ...query, ExclusiveStartKey: start }));
  } catch (error) {
    if ((error as Error).name !== "ValidationException") throw error;
    const { IndexName: _, KeyConditionExpression, ...rest } = query;
    return db.send(
      new ScanCommand({
        ...rest,
        FilterExpression: KeyConditionExpression,
        ExclusiveStartKey: start,
      }),
    );
  }
}
