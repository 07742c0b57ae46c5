import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { localS3Credentials } from "@gyre/core/platform/objects/s3-client";
import { AwsS3 } from "@gyre/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUCKET, REGION, type S3Harness, sha256, startHarness } from "./s3-harness";

const MB = 1024 * 1024;

let h: S3Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** A client as users configure one: the SDK's default checksums, which stream aws-chunked bodies. */
function defaultSdkClient(): S3Client {
  return new S3Client({
    endpoint: h.s3.endpoint,
    region: REGION,
    forcePathStyle: true,
    credentials: localS3Credentials,
  });
}

function streamOf(data: Buffer, pieceSize = 64 * 1024): Readable {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += pieceSize) {
    pieces.push(data.subarray(offset, offset + pieceSize));
  }
  return Readable.from(pieces);
}

async function storedSha256(client: S3Client, key: string): Promise<string> {
  const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return sha256(
    await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
  );
}

async function createdEventFor(key: string) {
  const events = (await h.events()).filter((event) => event["detail-type"] === "Object Created");
  const details = events.map((event) => AwsS3.ObjectCreated.envelope.parse(event).detail);
  return details.filter((detail) => detail.object.key === key);
}

async function multipartUpload(
  client: S3Client,
  key: string,
  parts: (Buffer | Readable)[],
  sizes: number[],
) {
  const { UploadId } = await client.send(
    new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }),
  );
  const uploaded = [];
  for (const [index, body] of parts.entries()) {
    const PartNumber = index + 1;
    const part = await client.send(
      new UploadPartCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId,
        PartNumber,
        Body: body,
        ContentLength: sizes[index],
      }),
    );
    uploaded.push({ PartNumber, ETag: part.ETag });
  }
  return client.send(
    new CompleteMultipartUploadCommand({
      Bucket: BUCKET,
      Key: key,
      UploadId,
      MultipartUpload: { Parts: uploaded },
    }),
  );
}

describe("local S3 stores exactly the bytes sent", () => {
  it("completes a 20 MB multipart upload as one Object Created event, byte-exact", async () => {
    const data = randomBytes(20 * MB);
    const parts = [0, 1, 2, 3].map((i) => data.subarray(i * 5 * MB, (i + 1) * 5 * MB));
    const completed = await multipartUpload(
      h.client,
      "multipart/20mb.bin",
      parts,
      parts.map((p) => p.length),
    );

    const created = await createdEventFor("multipart/20mb.bin");
    expect(created).toEqual([
      expect.objectContaining({
        object: expect.objectContaining({ size: 20 * MB, etag: completed.ETag?.replace(/"/g, "") }),
        reason: "CompleteMultipartUpload",
      }),
    ]);
    expect(await storedSha256(h.client, "multipart/20mb.bin")).toBe(sha256(data));
  });

  it("stores a streamed PutObject (a Readable with ContentLength) byte-exact", async () => {
    const data = randomBytes(3 * MB + 17);
    await h.client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "streamed/port.bin",
        Body: streamOf(data),
        ContentLength: data.length,
      }),
    );

    expect(await storedSha256(h.client, "streamed/port.bin")).toBe(sha256(data));
    expect((await createdEventFor("streamed/port.bin"))[0]?.object.size).toBe(data.length);
  });

  it("decodes the aws-chunked bodies a default-configured SDK client streams, for puts and parts", async () => {
    const client = defaultSdkClient();
    const data = randomBytes(2 * MB + 5);
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "default-sdk/put.bin",
        Body: streamOf(data),
        ContentLength: data.length,
      }),
    );
    const parts = [randomBytes(5 * MB), randomBytes(MB + 3)];
    await multipartUpload(
      client,
      "default-sdk/multipart.bin",
      parts.map((part) => streamOf(part)),
      parts.map((p) => p.length),
    );

    expect(await storedSha256(client, "default-sdk/put.bin")).toBe(sha256(data));
    expect(await storedSha256(client, "default-sdk/multipart.bin")).toBe(
      sha256(Buffer.concat(parts)),
    );
    const head = await client.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: "default-sdk/put.bin" }),
    );
    expect(head.ContentEncoding).toBeUndefined();
    expect(head.ContentLength).toBe(data.length);
    expect((await createdEventFor("default-sdk/put.bin"))[0]?.object.size).toBe(data.length);
    client.destroy();
  });
});

describe("local S3 refuses aws-chunked bodies that do not add up", () => {
  const chunked = (key: string, body: string, headers: Record<string, string>) =>
    fetch(`${h.s3.endpoint}/${BUCKET}/${key}`, {
      method: "PUT",
      body,
      headers: {
        "content-encoding": "aws-chunked",
        "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
        "x-amz-trailer": "x-amz-checksum-crc32",
        ...headers,
      },
    });
  const helloCrc32 = "NhCmhg==";

  it("stores the payload of a well-formed body", async () => {
    const response = await chunked(
      "raw/ok.txt",
      `5\r\nhello\r\n0\r\nx-amz-checksum-crc32:${helloCrc32}\r\n\r\n`,
      {
        "x-amz-decoded-content-length": "5",
      },
    );
    expect(response.status).toBe(200);
    expect(await storedSha256(h.client, "raw/ok.txt")).toBe(sha256("hello"));
  });

  it.each([
    [
      "BadDigest",
      "a wrong trailer checksum",
      "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n",
      "5",
    ],
    [
      "IncompleteBody",
      "fewer bytes than declared",
      `5\r\nhello\r\n0\r\nx-amz-checksum-crc32:${helloCrc32}\r\n\r\n`,
      "9",
    ],
    ["IncompleteBody", "no final chunk", "5\r\nhello\r\n", "5"],
  ])(
    "answers %s for %s, stores nothing and publishes nothing",
    async (code, _case, body, length) => {
      const key = `raw/refused-${code}-${length}.txt`;
      const response = await chunked(key, body, { "x-amz-decoded-content-length": length });

      expect(response.status).toBe(400);
      expect(await response.text()).toContain(`<Code>${code}</Code>`);
      await expect(
        h.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })),
      ).rejects.toThrow();
      expect(await createdEventFor(key)).toEqual([]);
    },
  );
});
