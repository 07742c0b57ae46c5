import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { objectKeyFromEvent } from "@gyre/core/platform/objects/s3-client";
import { AwsS3 } from "@gyre/events";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACCOUNT, BUCKET, md5, REGION, type S3Harness, startHarness } from "./s3-harness";

const sequencer = expect.stringMatching(/^[0-9a-f]{16}$/);
const envelope = {
  version: "0",
  id: expect.any(String),
  source: "aws.s3",
  account: ACCOUNT,
  time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
  region: REGION,
  resources: [`arn:aws:s3:::${BUCKET}`],
};

let h: S3Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function put(key: string, body: string) {
  return h.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}

describe("local S3 → EventBridge events", () => {
  it("puts exactly the Object Created event S3 sends for a PutObject", async () => {
    const body = "id,label\n1,cat\n2,dog\n";
    const response = await put("datasets/demo/file.csv", body);

    const events = await h.events();
    expect(events).toEqual([
      {
        ...envelope,
        "detail-type": "Object Created",
        detail: {
          version: "0",
          bucket: { name: BUCKET },
          object: { key: "datasets/demo/file.csv", size: body.length, etag: md5(body), sequencer },
          "request-id": response.$metadata.requestId,
          requester: ACCOUNT,
          "source-ip-address": "127.0.0.1",
          reason: "PutObject",
        },
      },
    ]);
    expect(() => AwsS3.ObjectCreated.envelope.parse(events[0])).not.toThrow();
    expect(response.ETag).toBe(`"${md5(body)}"`);
  });

  it("URL-encodes the key in the event as S3 does; objectKeyFromEvent gives the key back", async () => {
    const key = "datasets/demo/dt=2024-01-01/red flower+1 (copy).csv";
    await put(key, "a,b\n");

    const [event] = await h.events();
    const eventKey = AwsS3.ObjectCreated.envelope.parse(event).detail.object.key;
    expect(eventKey).toBe("datasets/demo/dt%3D2024-01-01/red+flower%2B1+%28copy%29.csv");
    const stored = await h.client.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: objectKeyFromEvent(eventKey) }),
    );
    expect(await stored.Body?.transformToString()).toBe("a,b\n");
  });

  it("reports a copy as CopyObject, with the copy's size and etag", async () => {
    await put("raw/a+b=c.csv", "x,y\n1,2\n");
    const copy = await h.client.send(
      new CopyObjectCommand({
        Bucket: BUCKET,
        Key: "curated/copy.csv",
        CopySource: `${BUCKET}/raw/a%2Bb%3Dc.csv`,
      }),
    );

    const [, event] = await h.events();
    const { detail } = AwsS3.ObjectCreated.envelope.parse(event);
    expect(detail).toEqual({
      version: "0",
      bucket: { name: BUCKET },
      object: { key: "curated/copy.csv", size: 8, etag: md5("x,y\n1,2\n"), sequencer },
      "request-id": copy.$metadata.requestId,
      requester: ACCOUNT,
      "source-ip-address": "127.0.0.1",
      reason: "CopyObject",
    });
  });

  it("puts exactly the Object Deleted event S3 sends for a DeleteObject, and none for a missing key", async () => {
    await put("tmp/gone.txt", "bye");
    const deleted = await h.client.send(
      new DeleteObjectCommand({ Bucket: BUCKET, Key: "tmp/gone.txt" }),
    );
    await h.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "tmp/never-there.txt" }));

    const [, event, ...rest] = await h.events();
    expect(rest).toEqual([]);
    expect(event).toEqual({
      ...envelope,
      "detail-type": "Object Deleted",
      detail: {
        version: "0",
        bucket: { name: BUCKET },
        object: { key: "tmp/gone.txt", sequencer },
        "request-id": deleted.$metadata.requestId,
        requester: ACCOUNT,
        "source-ip-address": "127.0.0.1",
        reason: "DeleteObject",
        "deletion-type": "Permanently Deleted",
      },
    });
    expect(() => AwsS3.ObjectDeleted.envelope.parse(event)).not.toThrow();
  });

  it("puts one Object Deleted event per key removed by a DeleteObjects request", async () => {
    const keys = ["batch/1.csv", "batch/2 two.csv", "batch/x&y<z>.csv"];
    for (const key of keys) await put(key, key);
    const response = await h.client.send(
      new DeleteObjectsCommand({
        Bucket: BUCKET,
        Delete: { Objects: keys.map((Key) => ({ Key })) },
      }),
    );

    const deletions = (await h.events())
      .filter((event) => event["detail-type"] === "Object Deleted")
      .map((event) => AwsS3.ObjectDeleted.envelope.parse(event).detail);
    expect(deletions.map((detail) => objectKeyFromEvent(detail.object.key)).sort()).toEqual(
      [...keys].sort(),
    );
    for (const detail of deletions) {
      expect(detail).toMatchObject({
        reason: "DeleteObject",
        "deletion-type": "Permanently Deleted",
      });
      expect(detail["request-id"]).toBe(response.$metadata.requestId);
    }
  });

  it("deletes concurrently under one prefix without errors or lost events (aws s3 rm --recursive)", async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `sync/a/b/part-${i}.csv`);
    for (const key of keys) await put(key, key);
    const results = await Promise.allSettled(
      keys.map((Key) => h.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key }))),
    );

    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    const deleted = (await h.events()).filter((event) => event["detail-type"] === "Object Deleted");
    expect(deleted).toHaveLength(keys.length);
  });

  it("gives later events on the same key a greater sequencer", async () => {
    await put("seq/key.txt", "one");
    await put("seq/key.txt", "two");
    await h.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "seq/key.txt" }));

    const sequencers = (await h.events()).map(
      (event) => (event.detail as { object: { sequencer: string } }).object.sequencer,
    );
    expect(sequencers).toHaveLength(3);
    expect([...sequencers].sort()).toEqual(sequencers);
    expect(new Set(sequencers).size).toBe(3);
  });

  it("reports an HTML form upload as POST Object", async () => {
    const form = new FormData();
    form.append("key", "forms/upload.txt");
    form.append("file", new Blob(["hello"]), "upload.txt");
    const response = await fetch(`${h.s3.endpoint}/${BUCKET}`, { method: "POST", body: form });
    expect(response.status).toBe(204);

    const [event] = await h.events();
    expect(AwsS3.ObjectCreated.envelope.parse(event).detail).toMatchObject({
      object: { key: "forms/upload.txt", size: 5, etag: md5("hello") },
      reason: "POST Object",
    });
  });
});
