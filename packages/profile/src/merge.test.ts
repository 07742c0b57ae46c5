import { describe, expect, it } from "vitest";
import { mergeProfiles } from "./merge";
import type { ColumnProfile, DataProfile } from "./schema";
import { rejection, scanCsv } from "./test-helpers";

function rows(from: number, to: number): string[] {
  const lines: string[] = [];
  for (let i = from; i < to; i++) {
    const price = ((i * 7919) % 10007) / 7 - 300;
    const city = ["paris", "oslo", "rome", "lima"][i % 4];
    lines.push(`${i},${price.toFixed(3)},${city},${i % 3 === 0},${i % 11 === 0 ? "" : i % 50}`);
  }
  return lines;
}
const header = "id,price,city,flag,bucket";

function close(a: number | undefined, b: number | undefined): void {
  expect(a).toBeDefined();
  expect(Math.abs((a as number) - (b as number))).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(b as number)),
  );
}

describe("mergeProfiles", () => {
  it("equals profiling the concatenated files", async () => {
    const parts = await Promise.all([
      scanCsv([header, ...rows(0, 3000)].join("\n")),
      scanCsv([header, ...rows(3000, 3500)].join("\n")),
      scanCsv([header, ...rows(3500, 9000)].join("\n")),
    ]);
    const whole = await scanCsv([header, ...rows(0, 9000)].join("\n"));
    const merged = mergeProfiles(parts);
    expect(merged.rows).toBe(whole.rows);
    for (const expected of whole.columns) {
      const actual = merged.columns.find((c) => c.name === expected.name) as ColumnProfile;
      const { type, count, missing, min, max } = expected;
      expect({ type, count, missing, min, max }).toEqual({
        type: actual.type,
        count: actual.count,
        missing: actual.missing,
        min: actual.min,
        max: actual.max,
      });
      if (expected.mean !== undefined) close(actual.mean, expected.mean);
      if (expected.std !== undefined) close(actual.std, expected.std);
      expect(actual.distinct).toBe(expected.distinct);
      expect(actual.top).toEqual(expected.top);
      expect(actual.sketch).toEqual(expected.sketch);
    }
  });

  it("joins types: integer and number make number; a part with no values takes no part", async () => {
    const merged = mergeProfiles([await scanCsv("x,y\n1,\n2,\n"), await scanCsv("x,y\n2.5,a\n")]);
    expect(merged.columns.map((c) => [c.name, c.type])).toEqual([
      ["x", "number"],
      ["y", "string"],
    ]);
    expect(merged.columns[0]).toMatchObject({ count: 3, min: 1, max: 2.5, mean: 5.5 / 3 });
  });

  it("rejects parts whose columns differ, naming them", async () => {
    const a = await scanCsv("x,y\n1,2\n");
    const b = await scanCsv("x,z\n1,2\n");
    expect(await rejection(async () => mergeProfiles([a, b]))).toBe(
      'columns differ: part 2 lacks "y" and adds "z"',
    );
    const c = await scanCsv("y,x\n1,2\n");
    expect(mergeProfiles([a, c]).columns.map((col) => col.name)).toEqual(["x", "y"]);
  });

  it("rejects mixed formats and an empty list", async () => {
    const csv = await scanCsv("x\n1\n");
    const jsonl: DataProfile = { ...csv, format: "jsonl" };
    expect(await rejection(async () => mergeProfiles([csv, jsonl]))).toBe(
      "part 2 is jsonl, part 1 is csv",
    );
    expect(await rejection(async () => mergeProfiles([]))).toBe("no rows");
  });

  it("survives a round trip through JSON", async () => {
    const part = await scanCsv([header, ...rows(0, 500)].join("\n"));
    const stored = JSON.parse(JSON.stringify(part)) as DataProfile;
    expect(mergeProfiles([stored, stored]).columns[0]?.count).toBe(1000);
  });
});

describe("numeric statistics", () => {
  it("match a two-pass computation within 1e-9", async () => {
    const lines = rows(0, 5000);
    const prices = lines.map((line) => Number(line.split(",")[1]));
    const mean = prices.reduce((s, x) => s + x, 0) / prices.length;
    const std = Math.sqrt(prices.reduce((s, x) => s + (x - mean) ** 2, 0) / (prices.length - 1));
    const price = (await scanCsv([header, ...lines].join("\n"))).columns[1];
    close(price?.mean, mean);
    close(price?.std, std);
    expect(price).toMatchObject({ min: Math.min(...prices), max: Math.max(...prices) });
  });
});
