import type { Announcement } from "../outbox/announcement";
import { putAnnouncing } from "../outbox/write";
import type { Db } from "./client";

/**
 * Optimistic concurrency on one item: a new item is written only if its key is free, a changed
 * one only if nobody wrote in between (its `revision` is still the one it was read with); the
 * stored revision moves up by one. False when the condition failed: read again and retry.
 * It goes through the outbox, so `announcements` are durable with the change and events still
 * pending from an earlier write are kept.
 */
export function putRevised(
  db: Db,
  table: string,
  item: Record<string, unknown> & { revision: number },
  isNew: boolean,
  announcements: Announcement[] = [],
): Promise<boolean> {
  return putAnnouncing(
    db,
    {
      TableName: table,
      Item: { ...item, revision: isNew ? 0 : item.revision + 1 },
      ...(isNew
        ? { ConditionExpression: "attribute_not_exists(pk)" }
        : {
            ConditionExpression: "revision = :revision",
            ExpressionAttributeValues: { ":revision": item.revision },
          }),
    },
    announcements,
  );
}
