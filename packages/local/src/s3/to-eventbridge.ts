import type { PutEventsEntry } from "@gyre/events";
import { encodeEventKey } from "./event-key";

export type CreatedReason = "PutObject" | "POST Object" | "CopyObject" | "CompleteMultipartUpload";

export type ObjectChange =
  | {
      type: "created";
      bucket: string;
      key: string;
      size: number;
      etag: string;
      reason: CreatedReason;
    }
  | { type: "deleted"; bucket: string; key: string };

/** The request behind a change, as S3 reports it in the event. */
export interface Requester {
  requestId: string;
  account: string;
  sourceIp: string;
}

export interface EventContext {
  requester: Requester;
  sequencer: string;
  partition: string;
  time: Date;
}

/** The PutEvents entry Amazon S3 sends to EventBridge for this change. */
export function toEventBridgeEntry(change: ObjectChange, context: EventContext): PutEventsEntry {
  const key = encodeEventKey(change.key);
  const { sequencer, requester } = context;
  const object =
    change.type === "created"
      ? { key, size: change.size, etag: change.etag, sequencer }
      : { key, sequencer };
  const detail = {
    version: "0",
    bucket: { name: change.bucket },
    object,
    "request-id": requester.requestId,
    requester: requester.account,
    "source-ip-address": requester.sourceIp,
    reason: change.type === "created" ? change.reason : "DeleteObject",
    ...(change.type === "deleted" ? { "deletion-type": "Permanently Deleted" } : {}),
  };
  return {
    Source: "aws.s3",
    DetailType: change.type === "created" ? "Object Created" : "Object Deleted",
    Detail: JSON.stringify(detail),
    Resources: [`arn:${context.partition}:s3:::${change.bucket}`],
    Time: context.time,
  };
}

export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}
