import { S3Client } from "@aws-sdk/client-s3";
import type { Schemas } from "./client";
import { apiUrl, isLocalUrl, local } from "./settings";

export interface BucketTarget {
  client: S3Client;
  bucket: string;
  /** Undefined: S3 itself. */
  endpoint: string | undefined;
}

// The SDK warns on the console when a streamed upload fails; the CLI says it in one line instead.
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Where `gyre data push` uploads: $GYRE_S3_ENDPOINT (`aws`: S3 itself, with your AWS
 * credentials), else the S3 the API says it has (a local Gyre tells in GET /health), else, for a
 * local API, the local S3 on $GYRE_S3_PORT; the bucket is $GYRE_BUCKET, else the API's, else gyre-data.
 */
export function bucketTarget(
  health?: Pick<Schemas["Health"], "s3">,
  env: NodeJS.ProcessEnv = process.env,
): BucketTarget {
  const configured = env.GYRE_S3_ENDPOINT || undefined;
  const told = configured ? undefined : health?.s3;
  const fallback = isLocalUrl(apiUrl(env)) ? `http://127.0.0.1:${local(env).s3Port}` : undefined;
  const endpoint = configured === "aws" ? undefined : (configured ?? told?.endpoint ?? fallback);
  const client = new S3Client({
    ...(endpoint
      ? {
          endpoint,
          forcePathStyle: true,
          region: env.AWS_REGION ?? "us-east-1",
          credentials: {
            accessKeyId: env.AWS_ACCESS_KEY_ID ?? "gyre-local",
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? "gyre-local",
          },
        }
      : {}),
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    logger: quiet,
  });
  return { client, bucket: env.GYRE_BUCKET || told?.bucket || "gyre-data", endpoint };
}

/** An upload's failure as one line: where it could not reach, or what S3 answered. */
export function uploadError(target: BucketTarget, key: string, error: Error): string {
  const where = target.endpoint ?? "S3";
  const code = (error as NodeJS.ErrnoException).code;
  if (code && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|EHOSTUNREACH)$/.test(code)) {
    return `Cannot reach S3 at ${where} (${code}). Is Gyre running? Set GYRE_S3_ENDPOINT if its S3 is elsewhere.`;
  }
  return `Upload to s3://${target.bucket}/${key} at ${where} failed: ${error.message || error.name}`;
}
