import { Readable } from "node:stream";
import { objectKeyFromEvent } from "@gyre/core/platform/objects/s3-client";
import { describe, expect, it } from "vitest";
import { AwsChunkedDecoder, type ExpectedBody } from "../src/s3/aws-chunked";
import { checksumForTrailer } from "../src/s3/checksum";
import { encodeEventKey } from "../src/s3/event-key";
import { createSequencer } from "../src/s3/sequencer";

async function decode(body: string | Buffer, expected: ExpectedBody, pieceSize = 1) {
  const input = Buffer.from(body);
  const pieces = [];
  for (let offset = 0; offset < input.length; offset += pieceSize) {
    pieces.push(input.subarray(offset, offset + pieceSize));
  }
  const decoder = new AwsChunkedDecoder(expected);
  const output: Buffer[] = [];
  for await (const piece of Readable.from(pieces).pipe(decoder)) output.push(piece as Buffer);
  return { bytes: Buffer.concat(output).toString(), problem: decoder.problem };
}

describe("aws-chunked decoding", () => {
  it("decodes unsigned chunks with a checksum trailer, whatever the read boundaries", async () => {
    const body = "3\r\nhel\r\n2\r\nlo\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n";
    for (const pieceSize of [1, 2, 5, body.length]) {
      const checksum = checksumForTrailer("x-amz-checksum-crc32");
      expect(await decode(body, { length: 5, checksum }, pieceSize)).toEqual({
        bytes: "hello",
        problem: undefined,
      });
    }
  });

  it("decodes signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD)", async () => {
    const signature = "a".repeat(64);
    const body = `5;chunk-signature=${signature}\r\nhello\r\n0;chunk-signature=${signature}\r\n\r\n`;
    expect(await decode(body, { length: 5 }, 7)).toEqual({ bytes: "hello", problem: undefined });
  });

  it("verifies SHA-256 trailers too", async () => {
    const sent = "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=";
    const body = `5\r\nhello\r\n0\r\nx-amz-checksum-sha256:${sent}\r\n\r\n`;
    const checksum = checksumForTrailer("x-amz-checksum-sha256");
    expect((await decode(body, { checksum })).problem).toBeUndefined();
    const wrong = body.replace("LPJ", "XPJ");
    expect(
      (await decode(wrong, { checksum: checksumForTrailer("x-amz-checksum-sha256") })).problem,
    ).toMatchObject({
      code: "BadDigest",
    });
  });

  it("reports a chunk longer than its header and a header that is not hex", async () => {
    expect((await decode("2\r\nhello\r\n0\r\n\r\n", {})).problem?.code).toBe("IncompleteBody");
    expect((await decode("zz\r\nhello\r\n0\r\n\r\n", {})).problem?.code).toBe("IncompleteBody");
  });
});

describe("object keys in S3 events", () => {
  it.each([
    ["datasets/demo/file.csv", "datasets/demo/file.csv"],
    ["red flower.jpg", "red+flower.jpg"],
    ["logs/hd=test/file.txt", "logs/hd%3Dtest/file.txt"],
    ["c++/a+b.txt", "c%2B%2B/a%2Bb.txt"],
    ["test/10:47:07.log", "test/10%3A47%3A07.log"],
    ["(1) copy!~'*.csv", "%281%29+copy%21%7E%27*.csv"],
    ["données/été.csv", "donn%C3%A9es/%C3%A9t%C3%A9.csv"],
  ])("encodes %j as %j, and objectKeyFromEvent decodes it back", (key, encoded) => {
    expect(encodeEventKey(key)).toBe(encoded);
    expect(objectKeyFromEvent(encoded)).toBe(key);
  });
});

describe("sequencer", () => {
  it("increases even when the clock stands still or goes back", () => {
    let clock = 1_700_000_000_000;
    const next = createSequencer(() => clock);
    const first = next();
    const second = next();
    clock -= 5_000;
    const third = next();
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect([first, second, third]).toEqual([first, second, third].sort());
    expect(new Set([first, second, third]).size).toBe(3);
  });

  it("starts later after a restart than where an earlier run got to", () => {
    const before = createSequencer(() => 1_700_000_000_000);
    const earlier = [before(), before(), before()];
    const after = createSequencer(() => 1_700_000_000_001);
    expect(after() > (earlier[2] ?? "")).toBe(true);
  });
});
