import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./client";
import { conditional } from "./keys";

/**
 * Optimistic concurrency on one item: a new item is written only if its key is free, a changed
 * one only if nobody wrote in between (its `revision` is still the one it was read with); the
 * stored revision moves up by one. False when the condition failed: read again and retry.
 */
export function putRevised(
  db: Db,
  table: string,
  item: Record<string, unknown> & { revision: number },
  isNew: boolean,
): Promise<boolean> {
  return conditional(
    db.send(
      new PutCommand({
        TableName: table,
        Item: { ...item, revision: isNew ? 0 : item.revision + 1 },
        ...(isNew
          ? { ConditionExpression: "attribute_not_exists(pk)" }
          : {
              ConditionExpression: "revision = :revision",
              ExpressionAttributeValues: { ":revision": item.revision },
            }),
      }),
    ),
  );
}
