import { describe, expect, it } from "vitest";
import { columnDrift } from "./drift";
import { formatFromKey } from "./format";
import { profileRecords, profileValues } from "./live";

describe("formatFromKey", () => {
  it("maps extensions, with an optional .gz for text formats", () => {
    expect(formatFromKey("datasets/iris/part-1.CSV")).toBe("csv");
    expect(formatFromKey("datasets/iris/a.tsv.gz")).toBe("csv");
    expect(formatFromKey("datasets/x/a.jsonl")).toBe("jsonl");
    expect(formatFromKey("datasets/x/a.ndjson.gz")).toBe("jsonl");
    expect(formatFromKey("datasets/x/a.parquet")).toBe("parquet");
    expect(formatFromKey("datasets/x/a.parquet.gz")).toBeUndefined();
    expect(formatFromKey("datasets/x/a.json")).toBeUndefined();
    expect(formatFromKey("datasets/x.csv/README")).toBeUndefined();
  });
});

describe("live data for monitoring", () => {
  it("profiles records and values the way a dataset is profiled, ready for drift", () => {
    const baseline = profileRecords(
      Array.from({ length: 1000 }, (_, i) => ({ x: i % 100, tag: i % 2 ? "a" : "b" })),
    );
    const live = profileValues(
      "x",
      Array.from({ length: 500 }, (_, i) => 50 + (i % 100)),
    );
    expect(baseline.format).toBe("jsonl");
    expect(live).toMatchObject({ type: "integer", count: 500, missing: 0 });
    const [x] = baseline.columns;
    expect(x && columnDrift(x, live)?.level).toBe("major");
    expect(profileValues("x", [null, undefined, Number.NaN, ""])).toMatchObject({
      count: 0,
      missing: 4,
    });
  });
});
