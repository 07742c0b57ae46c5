import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  GetObjectCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import type { PutEventsEntry } from "@gyre/events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startLocalS3 } from "../src/s3/server";
import { BUCKET, type S3Harness, startHarness } from "./s3-harness";

let h: S3Harness | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.close();
  h = undefined;
});

describe("local S3 server", () => {
  it("keeps the bucket and its objects across a restart on the same directory", async () => {
    h = await startHarness();
    await h.client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: "kept/file.csv", Body: "a,b\n" }),
    );

    await h.restart();

    await expect(h.client.send(new HeadBucketCommand({ Bucket: BUCKET }))).resolves.toBeDefined();
    const { Buckets } = await h.client.send(new ListBucketsCommand({}));
    expect(Buckets?.map((bucket) => bucket.Name)).toEqual([BUCKET]);
    const object = await h.client.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: "kept/file.csv" }),
    );
    expect(await object.Body?.transformToString()).toBe("a,b\n");
  });

  it("rejects with the Node error EADDRINUSE when the port is taken", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as { port: number };
    const directory = await mkdtemp(join(tmpdir(), "gyre-s3-test-"));
    try {
      await expect(
        startLocalS3({
          directory,
          port,
          bucket: BUCKET,
          account: "000000000000",
          region: "us-east-1",
          publish: async () => undefined,
        }),
      ).rejects.toMatchObject({ code: "EADDRINUSE", port });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("answers a request only once its event is published", async () => {
    const published: PutEventsEntry[] = [];
    h = await startHarness({
      publish: async (entries) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        published.push(...entries);
      },
    });

    await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "sync/a.txt", Body: "a" }));

    expect(published.map((entry) => entry.DetailType)).toEqual(["Object Created"]);
  });

  it("logs a failed publish on one line and keeps serving", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    h = await startHarness({
      publish: () => Promise.reject(new Error("bus down\nfor maintenance")),
    });

    await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "logged/one.txt", Body: "1" }));
    await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "logged/two.txt", Body: "2" }));

    expect(errors.mock.calls).toEqual([
      [
        expect.stringMatching(
          /Object Created for s3:\/\/gyre-data\/logged\/one\.txt: bus down for maintenance$/,
        ),
      ],
      [expect.stringMatching(/logged\/two\.txt/)],
    ]);
  });

  it("logs an entry the bus refuses", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    h = await startHarness({
      publish: async () => ({
        FailedEntryCount: 1,
        Entries: [{ ErrorCode: "EntryTooLarge", ErrorMessage: "too big" }],
      }),
    });

    await h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "refused.txt", Body: "x" }));

    expect(errors).toHaveBeenCalledOnce();
    expect(errors.mock.calls[0]?.[0]).toMatch(/refused\.txt: EntryTooLarge: too big$/);
  });
});
