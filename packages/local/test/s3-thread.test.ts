import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { createS3Client } from "@gyre/core/platform/objects/s3-client";
import type { PutEventsEntry } from "@gyre/events";
import { afterEach, describe, expect, it } from "vitest";
import type { LocalS3 } from "../src/s3/server";
import { startLocalS3Thread } from "../src/s3/thread";
import { ACCOUNT, BUCKET, REGION } from "./s3-harness";

let directory: string;
let s3: LocalS3 | undefined;
afterEach(async () => {
  await s3?.close();
  s3 = undefined;
  await rm(directory, { recursive: true, force: true });
});

async function start(publish: (entries: PutEventsEntry[]) => Promise<unknown>, port = 0) {
  directory = await mkdtemp(join(tmpdir(), "gyre-s3-thread-"));
  return startLocalS3Thread({
    directory,
    port,
    bucket: BUCKET,
    account: ACCOUNT,
    region: REGION,
    publish,
  });
}

describe("the local S3 on its own thread", () => {
  it("serves objects and answers a put once its event is published here", async () => {
    const published: PutEventsEntry[] = [];
    s3 = await start(async (entries) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      published.push(...entries);
      return { FailedEntryCount: 0, Entries: [{ EventId: "1" }] };
    });
    const client = createS3Client({ endpoint: s3.endpoint });
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "a b/ü.txt", Body: "hello" }));
    expect(published.map((e) => [e.DetailType, JSON.parse(e.Detail).object.key])).toEqual([
      ["Object Created", "a+b/%C3%BC.txt"],
    ]);
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: "a b/ü.txt" }));
    expect(await got.Body?.transformToString()).toBe("hello");
    client.destroy();
  });

  it("rejects with the listen error when its port is taken", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    await expect(start(async () => ({}), port)).rejects.toMatchObject({ code: "EADDRINUSE" });
    taken.close();
  });
});
