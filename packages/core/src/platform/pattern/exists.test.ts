import { describe, expect, it } from "vitest";
import { testPattern } from "./index";

interface ExistsCase {
  rule: string;
  exists: boolean;
  detail: unknown;
  matches: boolean;
}

describe("exists (Comparison operators › Exists matching)", () => {
  const cases: ExistsCase[] = [
    {
      rule: "exists: true matches a present field (Exists matching)",
      exists: true,
      detail: { state: "pending" },
      matches: true,
    },
    {
      rule: "exists: true does not match a missing field (Exists matching)",
      exists: true,
      detail: { other: 1 },
      matches: false,
    },
    {
      rule: "exists: false matches a missing field (Exists matching)",
      exists: false,
      detail: { other: 1 },
      matches: true,
    },
    {
      rule: "exists: false does not match a present field (Exists matching)",
      exists: false,
      detail: { state: "pending" },
      matches: false,
    },
    {
      rule: "exists: true matches an empty string (Exists matching: presence, not content)",
      exists: true,
      detail: { state: "" },
      matches: true,
    },
    {
      rule: "exists: true matches a null value (event-ruler: null is a present JSON value)",
      exists: true,
      detail: { state: null },
      matches: true,
    },
    {
      rule: "exists: false does not match a null value (event-ruler: null is a present JSON value)",
      exists: false,
      detail: { state: null },
      matches: false,
    },
    {
      rule: "exists: true does not match an intermediate object (Exists matching: only leaf nodes)",
      exists: true,
      detail: { state: { c1: 100 } },
      matches: false,
    },
    {
      rule: "exists: false matches an intermediate object (Exists matching: only leaf nodes)",
      exists: false,
      detail: { state: { c1: 100 } },
      matches: true,
    },
    {
      rule: "exists: true matches a non-empty array of values (Exists matching + Arrays)",
      exists: true,
      detail: { state: ["a"] },
      matches: true,
    },
    {
      rule: "exists: true does not match an empty array, which holds no value (event-ruler: arrays are flattened)",
      exists: true,
      detail: { state: [] },
      matches: false,
    },
    {
      rule: "exists: false matches an empty array, which holds no value (event-ruler: arrays are flattened)",
      exists: false,
      detail: { state: [] },
      matches: true,
    },
    {
      rule: "exists: true does not match an array of objects (Exists matching: only leaf nodes)",
      exists: true,
      detail: { state: [{ c1: 1 }] },
      matches: false,
    },
  ];

  it.each(cases)("$rule", ({ exists, detail, matches }) => {
    expect(testPattern({ detail: { state: [{ exists }] } }, { detail })).toBe(matches);
  });

  it("exists: false matches when the whole parent object is missing (Exists matching)", () => {
    expect(testPattern({ detail: { state: [{ exists: false }] } }, { source: "x" })).toBe(true);
  });

  it("exists: true does not match when the parent object is missing (Exists matching)", () => {
    expect(testPattern({ detail: { state: [{ exists: true }] } }, { source: "x" })).toBe(false);
  });

  it("exists: false needs every other field to match too (Event patterns: fields are ANDed)", () => {
    const pattern = { source: ["gyre.training"], detail: { error: [{ exists: false }] } };
    expect(testPattern(pattern, { source: "gyre.training", detail: {} })).toBe(true);
    expect(testPattern(pattern, { source: "gyre.registry", detail: {} })).toBe(false);
  });

  it("exists: false fails if any element of an event array has the field (judgment: absence is checked across the whole array)", () => {
    const pattern = { detail: { items: { error: [{ exists: false }] } } };
    expect(testPattern(pattern, { detail: { items: [{ ok: 1 }, { error: "x" }] } })).toBe(false);
    expect(testPattern(pattern, { detail: { items: [{ ok: 1 }, { ok: 2 }] } })).toBe(true);
  });

  it("exists: false beside a positive field in array elements keeps absence array-wide (judgment: event-ruler is order-dependent here)", () => {
    const pattern = { detail: { items: { ok: [2], error: [{ exists: false }] } } };
    expect(testPattern(pattern, { detail: { items: [{ ok: 2 }, { error: "x" }] } })).toBe(false);
    expect(testPattern(pattern, { detail: { items: [{ ok: 1 }, { ok: 2 }] } })).toBe(true);
  });

  it("exists: false combined with a value in one list matches either (Event patterns: value lists are ORed)", () => {
    const pattern = { detail: { state: ["ready", { exists: false }] } };
    expect(testPattern(pattern, { detail: {} })).toBe(true);
    expect(testPattern(pattern, { detail: { state: "ready" } })).toBe(true);
    expect(testPattern(pattern, { detail: { state: "failed" } })).toBe(false);
  });
});
