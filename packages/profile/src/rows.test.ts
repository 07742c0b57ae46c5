import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { DataRejected } from "./errors";
import { readTypedRows, type TypedRow } from "./rows";

async function rows(content: string | Uint8Array, format: "csv" | "jsonl" | "parquet") {
  const table = await readTypedRows(() => Readable.from([Buffer.from(content)]), format);
  const all: TypedRow[] = [];
  for await (const row of table.rows) all.push(row);
  return { columns: table.columns, rows: all };
}

describe("readTypedRows", () => {
  it("reads CSV values as the types the profile infers for their columns", async () => {
    const csv = "n,flag,word,day\n1,true,7,2026-01-02\n1.0,FALSE,x,\n,true,8,2026-01-03\n";
    const { columns, rows: read } = await rows(csv, "csv");
    expect(columns).toEqual([
      { name: "n", type: "number" },
      { name: "flag", type: "boolean" },
      { name: "word", type: "string" },
      { name: "day", type: "timestamp" },
    ]);
    expect(read).toEqual([
      { n: 1, flag: true, word: "7", day: new Date("2026-01-02T00:00:00Z") },
      { n: 1, flag: false, word: "x", day: null },
      { n: null, flag: true, word: "8", day: new Date("2026-01-03T00:00:00Z") },
    ]);
  });

  it("reads gzipped JSON Lines the way the profile does: nested keys flattened, mixed columns as text", async () => {
    const jsonl = '{"a":1,"m":{"x":true},"s":2}\n{"a":2.5,"m":{"x":false},"s":"two"}\n';
    const { rows: read } = await rows(gzipSync(jsonl), "jsonl");
    expect(read).toEqual([
      { a: 1, "m.x": true, s: "2" },
      { a: 2.5, "m.x": false, s: "two" },
    ]);
  });

  it("reads Parquet with its declared types, 64-bit integers as numbers", async () => {
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: "id", data: [1n, 2n], type: "INT64" },
        { name: "plan", data: ["a", null], type: "STRING" },
      ],
    });
    const { rows: read } = await rows(new Uint8Array(buffer), "parquet");
    expect(read).toEqual([
      { id: 1, plan: "a" },
      { id: 2, plan: null },
    ]);
  });

  it("rejects what the profile rejects", async () => {
    await expect(rows("a,b\n1\n", "csv")).rejects.toThrow(DataRejected);
  });
});
