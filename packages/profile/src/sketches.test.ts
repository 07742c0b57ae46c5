import { describe, expect, it } from "vitest";
import { DistinctCounter } from "./distinct";
import { driftScore } from "./drift";
import { LogHistogram } from "./log-histogram";
import {
  mergeNumericSketches,
  sketchAccuracy,
  sketchFromValues,
  sketchQuantile,
} from "./numeric-sketch";

function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("numeric sketch (UDDSketch)", () => {
  it("reads quantiles back within its relative accuracy", () => {
    const random = lcg(7);
    const values = Array.from(
      { length: 100_000 },
      () => Math.exp(random() * 12 - 4) * (random() < 0.2 ? -1 : 1),
    );
    const sketch = sketchFromValues(values);
    const sorted = [...values].sort((a, b) => a - b);
    const accuracy = sketchAccuracy(sketch);
    expect(accuracy).toBeLessThan(0.07);
    for (const q of [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1] as number;
      const estimate = sketchQuantile(sketch, q) as number;
      expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(accuracy * Math.abs(exact) * 1.0001);
    }
  });

  it("keeps narrow columns fine: 300 ± 1 stays resolvable", () => {
    const random = lcg(3);
    const sketch = sketchFromValues(Array.from({ length: 10_000 }, () => 299 + 2 * random()));
    expect(sketchAccuracy(sketch) * 300).toBeLessThan(0.05);
    expect(sketchQuantile(sketch, 0.5)).toBeCloseTo(300, 1);
  });

  it("merges to exactly the sketch of the union, and stays small", () => {
    const random = lcg(11);
    const values = Array.from({ length: 200_000 }, () => (random() - 0.3) * 10 ** (random() * 6));
    const parts = [values.slice(0, 1000), values.slice(1000, 150_000), values.slice(150_000)];
    const merged = mergeNumericSketches(parts.map((p) => sketchFromValues(p)));
    expect(merged).toEqual(sketchFromValues(values));
    expect(JSON.stringify(merged).length).toBeLessThan(4000);
  });

  it("counts zeros apart and survives a JSON round trip", () => {
    const histogram = new LogHistogram();
    for (const v of [0, 0, -0, 1, -1, 5e-301]) histogram.add(v);
    const json = histogram.toJSON();
    expect(json.zero).toBe(4);
    expect(LogHistogram.fromJSON(JSON.parse(JSON.stringify(json))).toJSON()).toEqual(json);
  });

  it("scores drift: none for the same distribution, large for a shift, small for a tiny one", () => {
    const random = lcg(5);
    const sample = (shift: number) =>
      Array.from({ length: 20_000 }, () => 50 + shift + 10 * (random() + random() + random()));
    const base = sketchFromValues(sample(0));
    expect(driftScore(base, sketchFromValues(sample(0)))?.psi).toBeLessThan(0.01);
    expect(driftScore(base, sketchFromValues(sample(10)))?.psi).toBeGreaterThan(0.5);
    expect(driftScore(base, sketchFromValues([]))).toBeUndefined();
    const slight = driftScore(base, sketchFromValues(sample(0.5)));
    expect(slight?.psi).toBeLessThan(0.1);
    expect(slight?.ks).toBeGreaterThan(0.01);
  });

  it("treats a 0/1 column like categories", () => {
    const ones = (share: number) =>
      sketchFromValues(Array.from({ length: 1000 }, (_, i) => (i < share * 1000 ? 1 : 0)));
    const drift = driftScore(ones(0.4), ones(0.6));
    expect(drift?.ks).toBeCloseTo(0.2, 10);
    expect(drift?.psi).toBeCloseTo(0.2 * Math.log(0.6 / 0.4) * 2, 6);
  });
});

describe("distinct counter", () => {
  it("is exact up to 128 values and within a few percent beyond", () => {
    const small = new DistinctCounter();
    for (let i = 0; i < 500; i++) small.add(`v${i % 100}`);
    expect(small.estimate()).toBe(100);
    for (const n of [1000, 50_000, 1_000_000]) {
      const counter = new DistinctCounter();
      for (let i = 0; i < n; i++) counter.add(String(i));
      expect(Math.abs(counter.estimate() - n) / n).toBeLessThan(0.05);
    }
  });

  it("merges as a union and round-trips through JSON in about 2 KB", () => {
    const a = new DistinctCounter();
    const b = new DistinctCounter();
    for (let i = 0; i < 30_000; i++) a.add(`k${i}`);
    for (let i = 20_000; i < 60_000; i++) b.add(`k${i}`);
    const union = DistinctCounter.fromJSON(a.toJSON());
    union.merge(DistinctCounter.fromJSON(b.toJSON()));
    const direct = new DistinctCounter();
    for (let i = 0; i < 60_000; i++) direct.add(`k${i}`);
    expect(union.toJSON()).toBe(direct.toJSON());
    expect(direct.toJSON().length).toBeLessThan(2100);
  });
});
