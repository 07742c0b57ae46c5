import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DataRejected } from "../../errors";
import { compareColumnSets, compareDatasets, csvColumnValues } from "../index";
import { compareSketches, sketchCsv, sketchRows } from "./index";

/** The bytes in 7-byte chunks, so records and UTF-8 sequences are cut mid-way. */
function stream(text: string | Buffer): Readable {
  const bytes = Buffer.from(text);
  const chunks = [];
  for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
  return Readable.from(chunks);
}

const CSV = [
  "age,plan,active,joined,note",
  '31,pro,true,2024-01-02,"a, b"',
  "45,basic,FALSE,2024-03-04T05:06:07Z,",
  ",pro,true,,x",
  "52.5,free,false,2023-12-31,y",
].join("\n");

const ROWS = [
  { age: 31, plan: "pro", active: "true", joined: Date.parse("2024-01-02"), note: "a, b" },
  { age: 45, plan: "basic", active: "false", joined: Date.parse("2024-03-04T05:06:07Z"), note: "" },
  { age: null, plan: "pro", active: "true", joined: null, note: "x" },
  { age: 52.5, plan: "free", active: "false", joined: Date.parse("2023-12-31"), note: "y" },
];

describe("sketchCsv", () => {
  it("reads numbers, booleans, timestamps (as epoch ms), quoted text and missing fields", async () => {
    const sketch = await sketchCsv(stream(CSV));
    expect(sketch.rows).toBe(4);
    expect([...sketch.features.keys()]).toEqual(["age", "plan", "active", "joined", "note"]);
    expect(sketch.toJSON()).toEqual(sketchRows(ROWS).toJSON());
    expect(sketch.features.get("age")?.missing).toBe(1);
  });

  it("judges two files as compareDatasets judges their rows", async () => {
    const current = CSV.replace("31,pro", "80,free").replace("45,basic", "90,free");
    const result = compareSketches(await sketchCsv(stream(CSV)), await sketchCsv(stream(current)));
    const currentRows = ROWS.map((row, i) =>
      i < 2 ? { ...row, age: i === 0 ? 80 : 90, plan: "free" } : row,
    );
    const exact = compareDatasets(ROWS, currentRows);
    for (const [name, feature] of Object.entries(exact.features))
      expect(result.features[name]).toMatchObject(feature);
    expect(result.driftShare).toBe(exact.driftShare);
  });

  it("exact mode from the same columns as typed arrays: compareDatasets' result", async () => {
    const current = CSV.replace("31,pro", "80,free");
    const currentRows = ROWS.map((row, i) => (i === 0 ? { ...row, age: 80, plan: "free" } : row));
    const [r, c] = await Promise.all([
      csvColumnValues(stream(CSV)),
      csvColumnValues(stream(current)),
    ]);
    const result = compareColumnSets(r, c, [...r.keys()]);
    const exact = compareDatasets(ROWS, currentRows);
    for (const [name, feature] of Object.entries(exact.features)) {
      if (feature.type === "categorical")
        expect(result.features[name]).toMatchObject({
          method: feature.method,
          drift: feature.drift,
        });
      else expect(result.features[name]).toEqual(feature);
    }
    expect(result.driftShare).toBe(exact.driftShare);
  });

  it("reads gzip", async () => {
    const sketch = await sketchCsv(stream(gzipSync(CSV)));
    expect(sketch.toJSON()).toEqual(sketchRows(ROWS).toJSON());
  });

  it("refuses a record with the wrong number of fields, naming its line", async () => {
    await expect(sketchCsv(stream("a,b\n1,2\n3\n"))).rejects.toThrow(DataRejected);
    await expect(sketchCsv(stream("a,b\n1,2\n3\n"))).rejects.toThrow(
      "line 3: 1 fields, the header has 2",
    );
    await expect(sketchCsv(stream(""))).rejects.toThrow("no header line");
    await expect(sketchCsv(stream("a,a\n1,2\n"))).rejects.toThrow('column "a" appears twice');
  });
});
