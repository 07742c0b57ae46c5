import type { S3rverContext, S3rverMiddleware } from "s3rver";
import S3Error from "s3rver/lib/models/error.js";
import type { BodyProblem } from "./aws-chunked";
import { normalizeCopySource } from "./copy-source";
import { decodeChunkedUpload } from "./decode-upload";
import { refuseDotSegments } from "./dot-segments";
import { currentRequest, describeRequest } from "./request-context";

/**
 * Runs first for every request: gives it an id (returned as `x-amz-request-id`, as S3
 * does), decodes aws-chunked uploads and copy sources, and holds the response until the
 * request's events are on the bus, so a client that has its answer can already see them.
 */
export function observeRequests(): S3rverMiddleware {
  return async (context, next) => {
    const request = describeRequest(context);
    context.set("x-amz-request-id", request.requestId);
    refuseDotSegments(context);
    normalizeCopySource(context.headers);
    decodeChunkedUpload(context, request);
    try {
      await currentRequest.run(request, next);
    } finally {
      // A refused upload may not have been read; draining it keeps the connection usable.
      request.chunkedBody?.resume();
    }
    const problem = request.chunkedBody?.problem;
    if (problem) await refuse(context, problem);
    await Promise.all(request.publications);
  };
}

async function refuse(context: S3rverContext, problem: BodyProblem): Promise<never> {
  const { bucket, key } = context.params ?? {};
  const storedWholeObject = context.method === "PUT" && !("uploadId" in context.query);
  if (storedWholeObject && bucket && key && context.status < 300) {
    await context.store.deleteObject(bucket, key);
  }
  throw new S3Error(problem.code, problem.message);
}
