import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import type { S3rverContext } from "s3rver";
import type { AwsChunkedDecoder } from "./aws-chunked";

/** What Gyre knows about the S3 request being served, beyond what s3rver's event records carry. */
export interface S3Request {
  requestId: string;
  sourceIp: string;
  isMultipartCompletion: boolean;
  isMultiObjectDelete: boolean;
  copiedEtag?: string;
  chunkedBody?: AwsChunkedDecoder;
  publications: Promise<void>[];
}

export const currentRequest = new AsyncLocalStorage<S3Request>();

export function describeRequest(context: S3rverContext): S3Request {
  const isPost = context.method === "POST";
  return {
    requestId: newRequestId(),
    sourceIp: plainIp(context.ip),
    isMultipartCompletion: isPost && "uploadId" in context.query,
    isMultiObjectDelete: isPost && "delete" in context.query,
    publications: [],
  };
}

/** S3 request ids are 16 upper-case characters, e.g. "N4N7GDK58NMKJ12R". */
export function newRequestId(): string {
  return randomBytes(8).toString("hex").toUpperCase();
}

function plainIp(ip: string): string {
  return ip.startsWith("::ffff:") ? ip.slice("::ffff:".length) : ip;
}
