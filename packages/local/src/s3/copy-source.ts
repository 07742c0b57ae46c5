import type { IncomingHttpHeaders } from "node:http";

/**
 * Clients URL-encode the key in `x-amz-copy-source` ("a+b" as "a%2Bb"), and s3rver reads it
 * with `decodeURI`, which leaves "%2B", "%3D" and friends encoded. Re-encoding the decoded
 * key with `encodeURI` hands s3rver a value its `decodeURI` turns into the real key.
 * A `?versionId=` is dropped: s3rver keeps no versions.
 */
export function normalizeCopySource(headers: IncomingHttpHeaders): void {
  const source = headers["x-amz-copy-source"];
  if (typeof source !== "string") return;
  const [path = ""] = source.split("?");
  try {
    headers["x-amz-copy-source"] = encodeURI(decodeURIComponent(path));
  } catch {
    // Not valid percent-encoding: s3rver reports the missing key as S3 would.
  }
}
