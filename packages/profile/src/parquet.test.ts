import { createHash } from "node:crypto";
import { parquetWriteBuffer } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { scanParquet } from "./parquet";
import { scanObject } from "./scan";
import { chunksOf, column, rejection } from "./test-helpers";

function parquetFile(rowGroupSize = 2): Uint8Array {
  const buffer = parquetWriteBuffer({
    rowGroupSize,
    columnData: [
      { name: "id", data: [1, 2, 3, 4, 5], type: "INT32" },
      { name: "price", data: [1, 2, 2.5, null, 4], type: "DOUBLE" },
      { name: "city", data: ["oslo", "rome", "oslo", null, "oslo"], type: "STRING" },
      { name: "ok", data: [true, false, true, true, null], type: "BOOLEAN" },
      {
        name: "at",
        data: [0, 1, 2, 3, 4].map((d) => new Date(Date.UTC(2024, 0, 1 + d))),
        type: "TIMESTAMP",
      },
    ],
  });
  return new Uint8Array(buffer);
}

describe("Parquet", () => {
  it("profiles a file one row group at a time, with types from its schema", async () => {
    const bytes = parquetFile();
    const result = await scanObject(chunksOf(bytes, [3, 100]), "parquet");
    expect(result).toMatchObject({
      format: "parquet",
      rows: 5,
      bytes: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
    expect(result.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", "integer"],
      ["price", "number"],
      ["city", "string"],
      ["ok", "boolean"],
      ["at", "timestamp"],
    ]);
    expect(column(result, "price")).toMatchObject({
      count: 4,
      missing: 1,
      min: 1,
      max: 4,
      mean: 2.375,
    });
    expect(column(result, "city").top).toEqual([
      { value: "oslo", count: 3 },
      { value: "rome", count: 1 },
    ]);
    expect(column(result, "at")).toMatchObject({
      min: Date.UTC(2024, 0, 1),
      max: Date.UTC(2024, 0, 5),
    });
  });

  it("reads through any random-access source", async () => {
    const bytes = parquetFile(1000);
    const profile = await scanParquet({
      byteLength: bytes.length,
      slice: async (start, end) => bytes.slice(start, end).buffer,
    });
    expect(profile.rows).toBe(5);
  });

  it("rejects bytes that are not Parquet", async () => {
    expect(await rejection(() => scanObject(chunksOf("a,b\n1,2\n"), "parquet"))).toMatch(
      /^invalid parquet: /,
    );
  });
});
