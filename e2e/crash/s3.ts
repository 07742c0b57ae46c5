import { createHash } from "node:crypto";
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { sleep } from "./sleep";

const client = (endpoint: string) =>
  new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "any", secretAccessKey: "any" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });

/** Puts a dataset file as any S3 client would, sending it again while the local S3 is down. */
export async function putDataset(endpoint: string, key: string, body: string): Promise<string> {
  const s3 = client(endpoint);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await s3.send(new PutObjectCommand({ Bucket: "gyre-data", Key: key, Body: body }));
      return createHash("sha256").update(body).digest("hex");
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}

/** Every key in the bucket: each was put by someone, so each should have had its Object Created. */
export async function bucketKeys(endpoint: string, prefix?: string): Promise<string[]> {
  const s3 = client(endpoint);
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: "gyre-data", Prefix: prefix, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).map((o) => o.Key ?? ""));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

/** Rows of traffic in the endpoint's data capture files (each record holds one call's CSV, header first). */
export async function capturedRows(endpoint: string): Promise<number> {
  const s3 = client(endpoint);
  let rows = 0;
  for (const key of await bucketKeys(endpoint, "capture/")) {
    const file = await s3.send(new GetObjectCommand({ Bucket: "gyre-data", Key: key }));
    for (const line of (await file.Body?.transformToString())?.trimEnd().split("\n") ?? []) {
      const csv: string = JSON.parse(line).captureData.endpointInput.data;
      rows += csv.trimEnd().split("\n").length - 1;
    }
  }
  return rows;
}
