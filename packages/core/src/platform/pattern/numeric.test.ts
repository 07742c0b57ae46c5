import { describe, expect, it } from "vitest";
import { testPattern } from "./index";

interface NumericCase {
  rule: string;
  numeric: unknown[];
  value: unknown;
  matches: boolean;
}

function matchesSize(numeric: unknown[], value: unknown): boolean {
  return testPattern({ detail: { size: [{ numeric }] } }, { detail: { size: value } });
}

describe("numeric (Comparison operators › Numeric matching)", () => {
  const cases: NumericCase[] = [
    {
      rule: '"=" matches an equal number (Numeric matching)',
      numeric: ["=", 100],
      value: 100,
      matches: true,
    },
    {
      rule: '"=" compares numerically: 3.018e2 equals 301.8 (Numeric matching)',
      numeric: ["=", 3.018e2],
      value: 301.8,
      matches: true,
    },
    {
      rule: '"=" does not match another number (Numeric matching)',
      numeric: ["=", 100],
      value: 100.5,
      matches: false,
    },
    {
      rule: '">" excludes the bound (Numeric matching)',
      numeric: [">", 10],
      value: 10,
      matches: false,
    },
    {
      rule: '">" matches above the bound (Numeric matching)',
      numeric: [">", 10],
      value: 10.000001,
      matches: true,
    },
    {
      rule: '">=" includes the bound (Numeric matching)',
      numeric: [">=", 10],
      value: 10,
      matches: true,
    },
    {
      rule: '"<" excludes the bound (Numeric matching)',
      numeric: ["<", 10],
      value: 10,
      matches: false,
    },
    {
      rule: '"<" matches negative numbers below it (Numeric matching)',
      numeric: ["<", 0],
      value: -3,
      matches: true,
    },
    {
      rule: '"<=" includes the bound (Numeric matching)',
      numeric: ["<=", 10],
      value: 10,
      matches: true,
    },
    {
      rule: "a range includes values between its bounds (Numeric matching: > 0, <= 5)",
      numeric: [">", 0, "<=", 5],
      value: 5,
      matches: true,
    },
    {
      rule: "a range excludes its open lower bound (Numeric matching: > 0, <= 5)",
      numeric: [">", 0, "<=", 5],
      value: 0,
      matches: false,
    },
    {
      rule: "a range excludes values above it (Numeric matching: > 0, <= 5)",
      numeric: [">", 0, "<=", 5],
      value: 5.5,
      matches: false,
    },
    {
      rule: "a closed range includes both bounds (Numeric matching: >= 1, <= 2)",
      numeric: [">=", 1, "<=", 2],
      value: 1,
      matches: true,
    },
    {
      rule: "compares as numbers, not text: 10 > 9 (Numeric matching)",
      numeric: [">", 9],
      value: 10,
      matches: true,
    },
    {
      rule: 'only JSON numbers match: the string "5" does not (Numeric matching: JSON numbers)',
      numeric: [">", 0],
      value: "5",
      matches: false,
    },
    {
      rule: "booleans and null do not match (Numeric matching: JSON numbers)",
      numeric: [">=", 0],
      value: null,
      matches: false,
    },
    {
      rule: "matches if any element of an event array is in range (Numeric matching + Arrays)",
      numeric: [">", 100],
      value: [1, 50, 150],
      matches: true,
    },
    {
      rule: "does not match if no element of an event array is in range (Numeric matching + Arrays)",
      numeric: [">", 100],
      value: [1, 50],
      matches: false,
    },
    {
      rule: "does not match a missing field (Numeric matching: the field must exist)",
      numeric: [">", 0],
      value: undefined,
      matches: false,
    },
    {
      rule: "matches at the documented limit 5e9 (Numeric matching: -5.0e9 to +5.0e9 inclusive)",
      numeric: [">", 0],
      value: 5e9,
      matches: true,
    },
    {
      rule: "event numbers beyond 5e9 never match a range (event-ruler cannot compare them)",
      numeric: [">", 0],
      value: 6e9,
      matches: false,
    },
    {
      rule: "event numbers below -5e9 never match a range (event-ruler cannot compare them)",
      numeric: ["<", 0],
      value: -6e9,
      matches: false,
    },
    {
      rule: "epoch-second timestamps compare as numbers (event-ruler: numeric range on timestamps)",
      numeric: [">=", 1628872008, "<=", 1629044808],
      value: 1628958408,
      matches: true,
    },
  ];

  it.each(cases)("$rule", ({ numeric, value, matches }) => {
    expect(matchesSize(numeric, value)).toBe(matches);
  });

  it("combines several numeric fields with AND (Content filtering › Complex example)", () => {
    const pattern = {
      detail: {
        "c-count": [{ numeric: [">", 0, "<=", 5] }],
        "d-count": [{ numeric: ["<", 10] }],
        "x-limit": [{ numeric: ["=", 3.018e2] }],
      },
    };
    const event = { detail: { "c-count": 5, "d-count": 3, "x-limit": 301.8 } };
    expect(testPattern(pattern, event)).toBe(true);
    expect(testPattern(pattern, { detail: { ...event.detail, "d-count": 10 } })).toBe(false);
  });

  it("mixes numeric ranges with exact values in one list, any may match (Event patterns: value lists are ORed)", () => {
    const pattern = { detail: { code: [0, { numeric: [">=", 500] }] } };
    expect(testPattern(pattern, { detail: { code: 0 } })).toBe(true);
    expect(testPattern(pattern, { detail: { code: 503 } })).toBe(true);
    expect(testPattern(pattern, { detail: { code: 404 } })).toBe(false);
  });
});
