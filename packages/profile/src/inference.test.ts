import { describe, expect, it } from "vitest";
import { column, scanCsv, scanJsonl } from "./test-helpers";

describe("type inference over every row", () => {
  it("infers integer, number, boolean, timestamp and string columns from CSV text", async () => {
    const csv = [
      "id,price,active,seen,day,name",
      "1,1.5,true,2024-01-02T03:04:05Z,2024-01-02,ann",
      "2,2,FALSE,2024-01-02T03:04:05.250+02:00,2024-02-29,bob",
      "-3,1e3,True,2024-01-02 03:04,2023-12-31,42",
    ].join("\n");
    const result = await scanCsv(csv);
    expect(result.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", "integer"],
      ["price", "number"],
      ["active", "boolean"],
      ["seen", "timestamp"],
      ["day", "timestamp"],
      ["name", "string"],
    ]);
    expect(column(result, "id")).toMatchObject({
      min: -3,
      max: 2,
      mean: 0,
      count: 3,
      missing: 0,
      distinct: 3,
    });
    expect(column(result, "price")).toMatchObject({ min: 1.5, max: 1000 });
    expect(column(result, "active").top).toEqual([
      { value: "true", count: 2 },
      { value: "false", count: 1 },
    ]);
    expect(column(result, "seen")).toMatchObject({
      min: Date.parse("2024-01-02T01:04:05.250Z"),
      max: Date.parse("2024-01-02T03:04:05Z"),
    });
    expect(column(result, "day").max).toBe(Date.parse("2024-02-29T00:00:00Z"));
  });

  it("looks at every row: one late value demotes a numeric column to string", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => String(i % 7));
    const result = await scanCsv(["code", ...rows, "N/A"].join("\n"));
    const code = column(result, "code");
    expect(code.type).toBe("string");
    expect(code).not.toHaveProperty("mean");
    expect(code).not.toHaveProperty("sketch.numeric");
    expect(code.top?.[0]).toEqual({ value: "0", count: 715 });
    expect(code.top?.find((t) => t.value === "N/A")).toEqual({ value: "N/A", count: 1 });
    expect(code.distinct).toBe(8);
  });

  it("keeps integer until a decimal appears, then number", async () => {
    const result = await scanCsv("x\n1\n2\n2.5\n");
    expect(column(result, "x")).toMatchObject({ type: "number", mean: 5.5 / 3 });
  });

  it("does not take dates that do not exist, numbers with spaces, NaN or hex as typed values", async () => {
    const result = await scanCsv('a,b,c,d\n2023-02-30," 1",NaN,0x10\n');
    expect(result.columns.map((c) => c.type)).toEqual(["string", "string", "string", "string"]);
  });

  it("counts empty fields as missing and types the column by the rest; an empty column is a string", async () => {
    const result = await scanCsv("a,b\n1,\n,\n3,\n");
    expect(column(result, "a")).toMatchObject({ type: "integer", count: 2, missing: 1, mean: 2 });
    expect(column(result, "b")).toMatchObject({
      type: "string",
      count: 0,
      missing: 3,
      distinct: 0,
    });
  });

  it("types JSON by JSON types: quoted numbers stay strings, ISO strings become timestamps", async () => {
    const jsonl = [
      '{"n": 1, "f": 1.5, "b": true, "s": "7", "t": "2024-05-01T00:00:00Z", "nested": {"x": 1, "y": {"z": 2}}, "list": [1, 2]}',
      '{"n": 2, "f": 2, "b": false, "s": "8", "t": "2024-05-02", "nested": {"x": 3}}',
      '{"n": null, "extra": "late"}',
    ].join("\n");
    const result = await scanJsonl(jsonl);
    expect(Object.fromEntries(result.columns.map((c) => [c.name, c.type]))).toEqual({
      n: "integer",
      f: "number",
      b: "boolean",
      s: "string",
      t: "timestamp",
      "nested.x": "integer",
      "nested.y": "string",
      list: "string",
      extra: "string",
    });
    expect(column(result, "n")).toMatchObject({ count: 2, missing: 1 });
    expect(column(result, "extra")).toMatchObject({ count: 1, missing: 2 });
    expect(column(result, "nested.y").top).toEqual([{ value: '{"z":2}', count: 1 }]);
    expect(column(result, "list").top).toEqual([{ value: "[1,2]", count: 1 }]);
  });

  it("demotes a JSON column that mixes types and keeps the top values seen before", async () => {
    const result = await scanJsonl('{"v": 1}\n{"v": 1}\n{"v": "one"}\n');
    expect(column(result, "v")).toMatchObject({
      type: "string",
      top: [
        { value: "1", count: 2 },
        { value: "one", count: 1 },
      ],
    });
  });
});
