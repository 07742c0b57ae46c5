import type { S3rverEventRecord } from "s3rver";
import type { S3Request } from "./request-context";
import type { CreatedReason, ObjectChange } from "./to-eventbridge";

/**
 * What an s3rver event record means in S3's terms. s3rver reports a completed multipart
 * upload and an HTML-form POST alike (`ObjectCreated:Post`), and a copy without its etag:
 * the request it came from tells them apart and fills the gap.
 */
export function changeFromRecord(
  record: S3rverEventRecord,
  request: S3Request | undefined,
): ObjectChange | undefined {
  const bucket = record.s3.bucket.name;
  const { key, size = 0, eTag } = record.s3.object;
  if (record.eventName === "ObjectRemoved:Delete") return { type: "deleted", bucket, key };
  const reason = createdReason(record.eventName, request);
  if (!reason) return undefined;
  const etag = (eTag ?? request?.copiedEtag ?? "").replace(/"/g, "");
  return { type: "created", bucket, key, size, etag, reason };
}

function createdReason(
  eventName: string,
  request: S3Request | undefined,
): CreatedReason | undefined {
  switch (eventName) {
    case "ObjectCreated:Put":
      return "PutObject";
    case "ObjectCreated:Copy":
      return "CopyObject";
    case "ObjectCreated:Post":
      return request?.isMultipartCompletion ? "CompleteMultipartUpload" : "POST Object";
    default:
      return undefined;
  }
}
