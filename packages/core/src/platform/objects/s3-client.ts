import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";

export const localS3Credentials = { accessKeyId: "gyre-local", secretAccessKey: "gyre-local" };

/**
 * The objects port: an S3 client. On AWS it talks to S3; locally `GYRE_S3_ENDPOINT`
 * points it at the embedded S3. The code is the same.
 */
export function createS3Client(config: S3ClientConfig = {}): S3Client {
  const endpoint = process.env.GYRE_S3_ENDPOINT;
  const local: S3ClientConfig = endpoint
    ? {
        endpoint,
        region: process.env.AWS_REGION ?? "us-east-1",
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
