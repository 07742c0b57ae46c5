import { describe, expect, it } from "vitest";
import { batchBySize, entrySize } from "./entry-size";

describe("entrySize (EventBridge User Guide: Calculating PutEvents event entry size)", () => {
  it("counts Source, DetailType, Detail and each Resource as UTF-8 bytes", () => {
    expect(
      entrySize({
        Source: "src",
        DetailType: "Type",
        Detail: '{"a":"é"}',
        Resources: ["r1", "r22"],
      }),
    ).toBe(3 + 4 + 10 + 2 + 3);
  });

  it("counts Time as 14 bytes when given", () => {
    const base = { Source: "s", DetailType: "d", Detail: "{}" };
    expect(entrySize({ ...base, Time: new Date() }) - entrySize(base)).toBe(14);
  });
});

describe("batchBySize", () => {
  const sized = (bytes: number) => ({
    Source: "s",
    DetailType: "d",
    Detail: "x".repeat(bytes - 2),
  });
  const sizes = (batches: { Detail?: string }[][]) =>
    batches.map((batch) => batch.map((e) => entrySize(e as never)));

  it("keeps each request's total strictly under the byte limit", () => {
    const batches = batchBySize([sized(40), sized(60), sized(50), sized(49)], {
      maxEntries: 10,
      maxBytes: 100,
    });
    expect(sizes(batches)).toEqual([[40], [60], [50, 49]]);
  });

  it("caps the entries per request and sends an entry over the limit alone", () => {
    const batches = batchBySize([sized(10), sized(10), sized(10), sized(500), sized(10)], {
      maxEntries: 2,
      maxBytes: 100,
    });
    expect(sizes(batches)).toEqual([[10, 10], [10], [500], [10]]);
  });

  it("gives no request for no entries", () => {
    expect(batchBySize([], { maxEntries: 10, maxBytes: 100 })).toEqual([]);
  });
});
