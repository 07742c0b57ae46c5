import { GetObjectCommand, S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";

export const localS3Credentials = { accessKeyId: "gyre-local", secretAccessKey: "gyre-local" };

/** An S3 client; with `endpoint`, one for the embedded local S3 (path-style, local credentials). */
export function createS3Client(
  options: { endpoint?: string; region?: string } & S3ClientConfig = {},
): S3Client {
  const { endpoint, region, ...config } = options;
  const local: S3ClientConfig = endpoint
    ? {
        endpoint,
        region: region ?? "us-east-1",
        credentials: localS3Credentials,
        forcePathStyle: true,
        // With the SDK's default checksums a streamed body goes out aws-chunked; asking for
        // checksums only when an operation requires them keeps the local S3's input plain.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      }
    : {};
  return new S3Client({ ...local, ...config });
}

/**
 * The object key of an `aws.s3` event, as the S3 API expects it. S3 puts keys in its
 * events URL-encoded, a space as `+` ("red flower.jpg" arrives as "red+flower.jpg").
 */
export function objectKeyFromEvent(eventKey: string): string {
  return decodeURIComponent(eventKey.replace(/\+/g, "%20"));
}

/** An object of the data bucket, as text. */
export async function readText(
  objects: { s3: S3Client; bucket: string },
  key: string,
): Promise<string> {
  const object = await objects.s3.send(new GetObjectCommand({ Bucket: objects.bucket, Key: key }));
  return (await object.Body?.transformToString()) ?? "";
}

/** S3's answer for a key it does not hold (NoSuchKey from GetObject, NotFound from HeadObject). */
export function isMissingObject(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === "NoSuchKey" || name === "NotFound";
}
