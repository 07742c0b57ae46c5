import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { newId } from "../platform/ids";
import type { Db } from "../platform/state/client";
import { conditional } from "../platform/state/keys";
import type { HistoryEntry } from "./history";
import { historyPk, pk, table, versionHistory } from "./keys";

/**
 * The writes that finish a registry change, on stored items as they are, with no schema: the
 * registry's outbox relay runs them (record.ts) and so bundles no zod.
 */

/** A change's audit entries, each with the id that makes appending it again a no-op. */
export type Unrecorded = { id: string; entry: HistoryEntry }[];

/** Where an item keeps the audit entries its write made and has not yet appended. */
export const UNRECORDED = "unrecorded";

export async function getItem(db: Db, key: Record<string, string>) {
  const { Item } = await db.send(
    new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }),
  );
  return Item;
}

/** Appends an audit entry under its id: appending it again changes nothing. */
export async function appendHistory(
  db: Db,
  entry: HistoryEntry,
  id: string = newId("h"),
): Promise<void> {
  const sk = `h#${entry.at}#${id}`;
  await conditional(
    db.send(
      new PutCommand({
        TableName: table(),
        Item: {
          pk: historyPk(entry.model),
          sk,
          ...(entry.version === null
            ? {}
            : { gsi1pk: versionHistory(entry.model, entry.version), gsi1sk: sk }),
          ...entry,
        },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    ),
  );
}

/** Moves the model's latest version number up to `version` (never down), listing a new model. */
export async function touchModel(db: Db, name: string, version: number, at: string): Promise<void> {
  await conditional(
    db.send(
      new UpdateCommand({
        TableName: table(),
        Key: { pk: pk(name), sk: "model" },
        UpdateExpression:
          "SET #name = :name, gsi1pk = :all, gsi1sk = :name, latestVersion = :v, updatedAt = :at, createdAt = if_not_exists(createdAt, :at)",
        ConditionExpression: "attribute_not_exists(latestVersion) OR latestVersion < :v",
        ExpressionAttributeNames: { "#name": "name" },
        ExpressionAttributeValues: { ":name": name, ":all": "models", ":v": version, ":at": at },
      }),
    ),
  );
}
