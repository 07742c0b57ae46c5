import { S3Client } from "@aws-sdk/client-s3";

export interface BucketTarget {
  client: S3Client;
  bucket: string;
  endpoint: string | undefined;
}

/**
 * Where `gyre data push` uploads: $GYRE_BUCKET (default gyre-data) at $GYRE_S3_ENDPOINT,
 * which defaults to the local Gyre's S3 when $GYRE_API_URL is local; set it to `aws`
 * to use S3 itself with your AWS credentials.
 */
export function bucketTarget(env: NodeJS.ProcessEnv = process.env): BucketTarget {
  const api = env.GYRE_API_URL ?? "http://127.0.0.1:7700";
  const local = /^https?:\/\/(127\.0\.0\.1|localhost)(:|\/|$)/.test(api);
  const configured = env.GYRE_S3_ENDPOINT;
  const endpoint =
    configured === "aws"
      ? undefined
      : (configured ?? (local ? "http://127.0.0.1:7701" : undefined));
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
  });
  return { client, bucket: env.GYRE_BUCKET ?? "gyre-data", endpoint };
}
