import { createHash } from "node:crypto";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { sleep } from "./random";

/** Puts a dataset file as any S3 client would, sending it again while the local S3 is down. */
export async function putDataset(endpoint: string, key: string, body: string): Promise<string> {
  const s3 = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "any", secretAccessKey: "any" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
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
