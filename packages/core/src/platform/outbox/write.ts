import { GetCommand, PutCommand, type PutCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Db } from "../state/client";
import { conditional, primaryKey } from "../state/keys";
import { type Announcement, OUTBOX, type Outbox, PENDING, PENDING_ATTRIBUTE } from "./announcement";

type Item = Record<string, unknown>;

/** `item` with `outbox` as its pending events, and the index marker while any are pending. */
export function withOutbox(item: Item, outbox: Outbox): Item {
  const { [OUTBOX]: _, [PENDING_ATTRIBUTE]: __, ...rest } = item;
  return Object.keys(outbox).length
    ? { ...rest, [OUTBOX]: outbox, [PENDING_ATTRIBUTE]: PENDING }
    : rest;
}

/**
 * A conditional Put that carries its events in the item's outbox, in the same write: the
 * change and its announcement are durable together or not at all. Events still pending from
 * earlier writes are kept (stores read items through their schemas, which drop the outbox), so
 * every Put of an item that announces goes through here, with or without events of its own.
 * False when the condition failed.
 */
export async function putAnnouncing(
  db: Db,
  input: PutCommandInput & { Item: Item },
  announcements: Announcement[] = [],
): Promise<boolean> {
  const pending = isCreate(input) ? {} : await storedOutbox(db, input.TableName, input.Item);
  const outbox = { ...pending, ...Object.fromEntries(announcements.map((a) => [a.key, a.entry])) };
  return conditional(db.send(new PutCommand({ ...input, Item: withOutbox(input.Item, outbox) })));
}

function isCreate(input: PutCommandInput): boolean {
  return input.ConditionExpression === "attribute_not_exists(pk)";
}

async function storedOutbox(db: Db, table: string | undefined, item: Item): Promise<Outbox> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: table,
      Key: primaryKey(item),
      ProjectionExpression: "#outbox",
      ExpressionAttributeNames: { "#outbox": OUTBOX },
      ConsistentRead: true,
    }),
  );
  return (Item?.[OUTBOX] as Outbox | undefined) ?? {};
}
