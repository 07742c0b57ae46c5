import type { IncomingHttpHeaders } from "node:http";
import { pipeline } from "node:stream";
import type { S3rverContext } from "s3rver";
import { AwsChunkedDecoder } from "./aws-chunked";
import { checksumForTrailer } from "./checksum";
import type { S3Request } from "./request-context";

/**
 * s3rver stores a request body as it arrives, so an `aws-chunked` upload (the AWS SDK's
 * and CLI's default for streamed bodies) would be stored with its framing inside.
 * This hands s3rver the decoded bytes and headers that describe them instead.
 */
export function decodeChunkedUpload(context: S3rverContext, request: S3Request): void {
  const { headers } = context;
  if (!isAwsChunked(headers)) return;
  const declaredLength = single(headers["x-amz-decoded-content-length"]);
  const length = declaredLength === undefined ? undefined : Number(declaredLength);
  const decoder = new AwsChunkedDecoder({
    length: Number.isSafeInteger(length) ? length : undefined,
    checksum: checksumForTrailer(single(headers["x-amz-trailer"])),
  });
  describeDecodedBody(headers, length);
  // An aborted upload leaves s3rver waiting, as it does without decoding; nothing more to report.
  pipeline(context.req, decoder, () => {});
  context.req = decoder;
  request.chunkedBody = decoder;
}

function isAwsChunked(headers: IncomingHttpHeaders): boolean {
  const payloadHash = single(headers["x-amz-content-sha256"]) ?? "";
  return payloadHash.startsWith("STREAMING-") || contentEncodings(headers).includes("aws-chunked");
}

function describeDecodedBody(headers: IncomingHttpHeaders, length: number | undefined): void {
  const otherEncodings = contentEncodings(headers).filter((encoding) => encoding !== "aws-chunked");
  if (otherEncodings.length > 0) headers["content-encoding"] = otherEncodings.join(",");
  else delete headers["content-encoding"];
  if (length !== undefined) headers["content-length"] = String(length);
}

function contentEncodings(headers: IncomingHttpHeaders): string[] {
  return (single(headers["content-encoding"]) ?? "")
    .split(",")
    .map((encoding) => encoding.trim().toLowerCase())
    .filter(Boolean);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
