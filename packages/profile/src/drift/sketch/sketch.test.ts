import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareColumns, compareDatasets, type NumericColumnDrift } from "../index";
import {
  compareFeatureSketches,
  compareSketches,
  DatasetSketch,
  FeatureSketch,
  parseDatasetSketch,
  parseFeatureSketch,
  type SketchColumnDrift,
  sketchRows,
} from "./index";
import { GENERATED_NUMERIC, random } from "./test-pairs";

const FIXTURES = join(import.meta.dirname, "../../../test-fixtures/drift");
const fixtures: { name: string; reference: unknown[]; current: unknown[] }[] = readdirSync(FIXTURES)
  .filter((file) => file.endsWith(".json") && !file.endsWith(".grid.json"))
  .map((file) => JSON.parse(readFileSync(join(FIXTURES, file), "utf8")));

type NumericSketchDrift = Extract<SketchColumnDrift, { type: "numeric" }>;

/** Float slack for sums taken in another order than exact mode's. */
const SLACK = 1e-9;
const worst: Record<string, number> = {};

function expectWithinBounds(exact: NumericColumnDrift, sketch: NumericSketchDrift, name: string) {
  const checks: [string, number, number, [number, number]][] = [
    ["ks.statistic", exact.ks.statistic, sketch.ks.statistic, sketch.bounds.ks.statistic],
    ["ks.pvalue", exact.ks.pvalue, sketch.ks.pvalue, sketch.bounds.ks.pvalue],
    ["wasserstein", exact.wasserstein, sketch.wasserstein, sketch.bounds.wasserstein],
    [
      "wassersteinNorm",
      exact.wassersteinNorm,
      sketch.wassersteinNorm,
      sketch.bounds.wassersteinNorm,
    ],
    ["psi", exact.psi, sketch.psi, sketch.bounds.psi],
  ];
  for (const [statistic, truth, estimate, [low, high]] of checks) {
    const slack = SLACK * Math.max(1, Math.abs(truth));
    expect(truth, `${name} ${statistic} in [${low}, ${high}]`).toBeGreaterThanOrEqual(low - slack);
    expect(truth, `${name} ${statistic} in [${low}, ${high}]`).toBeLessThanOrEqual(high + slack);
    const error = Math.abs(estimate - truth) / Math.max(Math.abs(truth), 1e-12);
    worst[statistic] = Math.max(worst[statistic] ?? 0, error);
  }
}

function histogramOnly(values: unknown[]): FeatureSketch {
  return FeatureSketch.of(values, 0);
}

describe("sketch mode against exact mode", () => {
  it.each(fixtures.map((p) => [p.name, p] as const))(
    "%s: exact while at most 1000 numbers, else within its bounds",
    (_, pair) => {
      const exact = compareColumns(pair.reference, pair.current);
      const sketch = compareFeatureSketches(
        FeatureSketch.of(pair.reference),
        FeatureSketch.of(pair.current),
      );
      const { exact: isExact, bounds, ...shape } = sketch as NumericSketchDrift;
      if (isExact) expect(shape).toEqual(exact);
      else if (exact.type === "numeric")
        expectWithinBounds(exact, sketch as NumericSketchDrift, pair.name);
      expect(isExact).toBe(exact.n <= 1000 || exact.type === "categorical");
    },
  );

  it.each(
    fixtures
      .filter((p) => compareColumns(p.reference, p.current).type === "numeric")
      .map((p) => [p.name, p] as const),
  )("%s, histogram only: the exact statistics lie within the bounds", (_, pair) => {
    const exact = compareColumns(pair.reference, pair.current) as NumericColumnDrift;
    const sketch = compareFeatureSketches(
      histogramOnly(pair.reference),
      histogramOnly(pair.current),
    );
    expect(sketch).toMatchObject({ type: "numeric", exact: false, n: exact.n, m: exact.m });
    expectWithinBounds(exact, sketch as NumericSketchDrift, pair.name);
  });

  it.each(Object.entries(GENERATED_NUMERIC))(
    "generated %s (40,000 each): within the bounds, same decision",
    (name, make) => {
      const [reference, current] = make();
      const exact = compareColumns(reference, current) as NumericColumnDrift;
      const sketch = compareFeatureSketches(FeatureSketch.of(reference), FeatureSketch.of(current));
      expect(sketch.type).toBe("numeric");
      expectWithinBounds(exact, sketch as NumericSketchDrift, name);
      expect([sketch.method, sketch.drift]).toEqual([exact.method, exact.drift]);
    },
  );

  it("reports the worst relative error of each estimate", () => {
    console.info("sketch vs exact, worst relative error:", worst);
  });
});

describe("categories", () => {
  it("are exact up to 1000 categories", () => {
    const next = random(21);
    const reference = Array.from({ length: 50_000 }, () => `c${Math.floor(next() ** 2 * 1000)}`);
    const current = Array.from({ length: 50_000 }, () => `c${Math.floor(next() * 1000)}`);
    const sketch = compareFeatureSketches(FeatureSketch.of(reference), FeatureSketch.of(current));
    const {
      exact,
      bounds: _,
      ...shape
    } = sketch as Extract<SketchColumnDrift, { type: "categorical" }>;
    expect(exact).toBe(true);
    expect(shape).toEqual(compareColumns(reference, current));
  });

  it("beyond 1000, Misra–Gries keeps the frequent ones and the rest counts as one category", () => {
    const zipf = (seed: number, skew: number) => {
      const next = random(seed);
      return Array.from({ length: 100_000 }, () => `c${Math.floor(5000 * next() ** skew)}`);
    };
    const reference = zipf(22, 3);
    const current = zipf(23, 3.3);
    const exact = compareColumns(reference, current);
    const sketch = compareFeatureSketches(FeatureSketch.of(reference), FeatureSketch.of(current));
    if (exact.type !== "categorical" || sketch.type !== "categorical")
      throw new Error("categorical");
    expect(sketch.exact).toBe(false);
    const [low, high] = sketch.bounds.jensenShannon;
    expect(exact.jensenShannon).toBeGreaterThanOrEqual(low);
    expect(exact.jensenShannon).toBeLessThanOrEqual(high);
    console.info("beyond 1000 categories:", {
      exact: exact.jensenShannon,
      sketch: sketch.jensenShannon,
      bounds: sketch.bounds.jensenShannon,
      psi: [exact.psi, sketch.psi],
    });
  });

  it("a column of numbers and text compares as categories, numbers by their text", () => {
    const reference = [1, 2, "x", 2, null];
    const current = [2, "x", "y"];
    const sketch = compareFeatureSketches(FeatureSketch.of(reference), FeatureSketch.of(current));
    const exact = compareColumns(reference, current);
    if (exact.type !== "categorical" || sketch.type !== "categorical")
      throw new Error("categorical");
    expect(sketch.exact).toBe(true);
    expect([sketch.n, sketch.m, sketch.drift]).toEqual([exact.n, exact.m, exact.drift]);
    expect(sketch.psi).toBeCloseTo(exact.psi, 12);
    expect(sketch.jensenShannon).toBeCloseTo(exact.jensenShannon, 12);
  });
});

describe("merging", () => {
  const [reference, current] = (
    GENERATED_NUMERIC["lognormal tail"] as () => [number[], number[]]
  )();
  const next = random(31);
  const labels = current.map(() => (next() < 0.3 ? "pro" : next() < 0.5 ? "basic" : "free"));
  const hours = (values: unknown[]) =>
    Array.from({ length: 24 }, (_, h) => FeatureSketch.of(values.filter((_, i) => i % 24 === h)));

  it("24 hourly sketches merged in any grouping compare as the sketch of the union", () => {
    const whole = compareFeatureSketches(FeatureSketch.of(reference), FeatureSketch.of(current));
    const left = hours(current).reduce((a, b) => a.merge(b), new FeatureSketch());
    const parts = hours(current);
    const pairs = [];
    for (let i = 0; i < parts.length; i += 2)
      pairs.push((parts[i] as FeatureSketch).merge(parts[i + 1] as FeatureSketch));
    const tree = pairs.reverse().reduce((a, b) => b.merge(a));
    for (const merged of [left, tree]) {
      expect(merged.numeric.histogram.toJSON(Infinity)).toEqual(
        FeatureSketch.of(current).numeric.histogram.toJSON(Infinity),
      );
      const result = compareFeatureSketches(
        FeatureSketch.of(reference),
        merged,
      ) as NumericSketchDrift;
      const expected = whole as NumericSketchDrift;
      expect(result.ks).toEqual(expected.ks);
      expect(result.psi).toEqual(expected.psi);
      expect(result.wasserstein).toBeCloseTo(expected.wasserstein, 12);
    }
  });

  it("categories and missing counts merge exactly", () => {
    const withGaps = labels.map((label, i) => (i % 7 === 0 ? null : label));
    const merged = hours(withGaps).reduce((a, b) => a.merge(b));
    const whole = FeatureSketch.of(withGaps);
    expect(new Map(merged.toJSON().categories.counts)).toEqual(
      new Map(whole.toJSON().categories.counts),
    );
    expect(merged.categories.total).toBe(whole.categories.total);
    expect(merged.missing).toBe(withGaps.filter((v) => v === null).length);
  });

  it("survives JSON and stays small", () => {
    const sketch = FeatureSketch.of(reference);
    const text = JSON.stringify(sketch.toJSON());
    const back = FeatureSketch.fromJSON(parseFeatureSketch(JSON.parse(text)));
    expect(() => parseFeatureSketch({ ...JSON.parse(text), missing: -1 })).toThrow(/missing/);
    expect(compareFeatureSketches(back, FeatureSketch.of(current))).toEqual(
      compareFeatureSketches(sketch, FeatureSketch.of(current)),
    );
    expect(text.length).toBeLessThan(48 * 1024);
    const wide = FeatureSketch.of([...reference, ...reference.map((x) => -1 / x), 1e-300, 1e300]);
    expect(JSON.stringify(wide.toJSON()).length).toBeLessThan(48 * 1024);
  });
});

describe("compareSketches", () => {
  const reference = Array.from({ length: 200 }, (_, i) => ({
    age: i % 50,
    income: i * 10,
    plan: i % 3 === 0 ? "pro" : "basic",
  }));
  const current = reference.map((row) => ({ ...row, age: row.age + 30, plan: "pro" }));

  it("gives compareDatasets' result on small tables, exactly", () => {
    const result = compareSketches(sketchRows(reference), sketchRows(current), {
      thresholds: { age: 1e-300 },
    });
    const exact = compareDatasets(reference, current, { thresholds: { age: 1e-300 } });
    expect(Object.keys(result.features)).toEqual(Object.keys(exact.features));
    for (const [name, feature] of Object.entries(result.features)) {
      const { exact: isExact, bounds: _, ...shape } = feature as NumericSketchDrift;
      expect(isExact).toBe(true);
      expect(shape).toEqual(exact.features[name]);
    }
    expect([result.driftShare, result.datasetDrift]).toEqual([
      exact.driftShare,
      exact.datasetDrift,
    ]);
  });

  it("counts a column a row lacks as missing there, merged or not", () => {
    const late = [
      ...reference.slice(0, 100),
      ...reference.slice(100).map((row) => ({ ...row, note: "x" })),
    ];
    const whole = sketchRows(late);
    const merged = sketchRows(late.slice(0, 100)).merge(sketchRows(late.slice(100)));
    expect(whole.features.get("note")?.missing).toBe(100);
    expect(merged.features.get("note")?.missing).toBe(100);
    const back = DatasetSketch.fromJSON(parseDatasetSketch(JSON.parse(JSON.stringify(merged))));
    expect(compareSketches(back, whole)).toEqual(compareSketches(whole, whole));
    expect(back.rows).toBe(200);
  });
});
