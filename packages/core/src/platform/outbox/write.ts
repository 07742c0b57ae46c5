import { GetCommand, PutCommand, type PutCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Db } from "../state/client";
import { conditional, primaryKey } from "../state/keys";
import {
  type Announcement,
  CLEARED,
  OUTBOX,
  type Outbox,
  PENDING,
  PENDING_ATTRIBUTE,
} from "./announcement";

type Item = Record<string, unknown>;

/** What an item's outbox holds now, and how many clears the relay has made of it. */
interface OutboxState {
  outbox: Outbox;
  cleared: number | undefined;
}

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
 * The Put also requires that the relay has not cleared the outbox since it was read, so a
 * published event is not written back; then it reads again. False when `input`'s own
 * condition failed.
 */
export async function putAnnouncing(
  db: Db,
  input: PutCommandInput & { Item: Item },
  announcements: Announcement[] = [],
): Promise<boolean> {
  const added = Object.fromEntries(announcements.map((a) => [a.key, a.entry]));
  if (isCreate(input)) return conditional(db.send(put(input, added)));
  let state = await outboxState(db, input);
  for (;;) {
    const outbox = { ...state.outbox, ...added };
    if (await conditional(db.send(put(input, outbox, state.cleared)))) return true;
    const now = await outboxState(db, input);
    if (now.cleared === state.cleared) return false;
    state = now;
  }
}

function isCreate(input: PutCommandInput): boolean {
  return input.ConditionExpression === "attribute_not_exists(pk)";
}

function put(input: PutCommandInput & { Item: Item }, outbox: Outbox, cleared?: number) {
  if (isCreate(input)) return new PutCommand({ ...input, Item: withOutbox(input.Item, outbox) });
  const unchanged =
    cleared === undefined ? "attribute_not_exists(#cleared)" : "#cleared = :cleared";
  return new PutCommand({
    ...input,
    Item: {
      ...withOutbox(input.Item, outbox),
      ...(cleared === undefined ? {} : { [CLEARED]: cleared }),
    },
    ConditionExpression: input.ConditionExpression
      ? `(${input.ConditionExpression}) AND ${unchanged}`
      : unchanged,
    ExpressionAttributeNames: { ...input.ExpressionAttributeNames, "#cleared": CLEARED },
    ...(cleared === undefined && !input.ExpressionAttributeValues
      ? {}
      : {
          ExpressionAttributeValues: {
            ...input.ExpressionAttributeValues,
            ...(cleared === undefined ? {} : { ":cleared": cleared }),
          },
        }),
  });
}

async function outboxState(db: Db, input: PutCommandInput & { Item: Item }): Promise<OutboxState> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: input.TableName,
      Key: primaryKey(input.Item),
      ProjectionExpression: "#outbox, #cleared",
      ExpressionAttributeNames: { "#outbox": OUTBOX, "#cleared": CLEARED },
      ConsistentRead: true,
    }),
  );
  return {
    outbox: (Item?.[OUTBOX] as Outbox | undefined) ?? {},
    cleared: Item?.[CLEARED] as number | undefined,
  };
}
