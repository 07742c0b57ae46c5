import { createHash } from "node:crypto";
import { DeleteObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { localS3Credentials } from "@gyre/core/platform/objects/s3-client";
import type { TestPlatform } from "@gyre/local/testing";

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A plain S3 client, as a user's script would have. */
export function userS3(platform: TestPlatform) {
  const client = new S3Client({
    endpoint: platform.s3?.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: localS3Credentials,
  });
  return {
    put: (key: string, body: string) =>
      client.send(new PutObjectCommand({ Bucket: platform.bucket, Key: key, Body: body })),
    remove: (key: string) =>
      client.send(new DeleteObjectCommand({ Bucket: platform.bucket, Key: key })),
  };
}

export function csv(rows: number, shift = 0): string {
  const lines = ["id,age,plan,churned,signup"];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `${i},${20 + ((i * 7 + shift) % 50)},${["basic", "pro", "team"][i % 3]},${i % 4 === 0},2026-01-${String((i % 28) + 1).padStart(2, "0")}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
