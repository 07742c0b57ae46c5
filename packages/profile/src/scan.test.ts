import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { scanObject } from "./scan";
import { chunksOf, scanCsv } from "./test-helpers";

const csv =
  'city,price,note\nZürich,1.5,"naïve, ""quoted""\nline"\n東京,2.25,plain\nKraków,3,"€"\n';
const bytes = new TextEncoder().encode(csv);
const expectedSha = createHash("sha256").update(bytes).digest("hex");

describe("scanObject reads the stream once", () => {
  it("hashes the exact bytes however the stream is cut, inside characters and quoted fields", async () => {
    const whole = await scanCsv(csv);
    expect(whole.sha256).toBe(expectedSha);
    expect(whole.bytes).toBe(bytes.length);
    const insideZurichU = csv.indexOf("ü") + 1 + 1;
    const insideTokyo = new TextEncoder().encode(csv.slice(0, csv.indexOf("東"))).length + 1;
    const insideQuote = new TextEncoder().encode(csv.slice(0, csv.indexOf('""quoted'))).length + 1;
    const cutsList = [
      [insideZurichU],
      [insideTokyo, insideTokyo + 1, insideTokyo + 2],
      [insideQuote, insideQuote + 5],
      Array.from({ length: bytes.length - 1 }, (_, i) => i + 1),
    ];
    for (const cuts of cutsList) {
      const split = await scanCsv(csv, cuts);
      expect(split.sha256).toBe(expectedSha);
      expect(split).toEqual(whole);
    }
  });

  it("takes a Node readable stream", async () => {
    const result = await scanObject(
      Readable.from([Buffer.from(bytes.subarray(0, 7)), Buffer.from(bytes.subarray(7))]),
      "csv",
    );
    expect(result.sha256).toBe(expectedSha);
    expect(result.rows).toBe(3);
  });

  it("rejects an unknown format", async () => {
    await expect(scanObject(chunksOf("a\n1\n"), "xml" as "csv")).rejects.toMatchObject({
      reason: "unknown format",
    });
  });
});

describe("a rejected object", () => {
  it("stops reading and closes the source stream", async () => {
    let pulled = 0;
    const body = Readable.from(
      (function* () {
        yield Buffer.from("a,b\n1\n");
        for (; pulled < 10_000; pulled++) yield Buffer.from("2,3\n".repeat(1000));
      })(),
    );
    await expect(scanObject(body, "csv")).rejects.toMatchObject({
      reason: "line 2: expected 2 fields, got 1",
    });
    expect(body.destroyed).toBe(true);
    expect(pulled).toBeLessThan(100);
  });
});
