import { createHash } from "node:crypto";
import { DeleteObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { localS3Credentials } from "@gyre/core/platform/objects/s3-client";
import { datasets } from "@gyre/functions/datasets/service";
import { startTestPlatform, type TestPlatform } from "./index";

export interface DatasetsTest {
  platform: TestPlatform;
  app: TestPlatform["app"];
  s3: ReturnType<typeof userS3>;
  /** GET as a viewer, JSON body. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
  get(path: string): Promise<any>;
}

/** The datasets service on the real local parts: S3 events on the bus, wired to its subscriptions. */
export async function startDatasetsTest(): Promise<DatasetsTest> {
  const platform = await startTestPlatform({ s3: true, services: [datasets] });
  const { app } = platform;
  return {
    platform,
    app,
    s3: userS3(platform),
    get: async (path) => (await app.request(path, { headers: platform.as.viewer })).json(),
  };
}

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
