import { describe, expect, it } from "vitest";
import { testPattern } from "./index";

interface AnythingButCase {
  rule: string;
  operand: unknown;
  value: unknown;
  matches: boolean;
}

function matchesState(operand: unknown, value: unknown): boolean {
  return testPattern(
    { detail: { state: [{ "anything-but": operand }] } },
    value === undefined ? { detail: {} } : { detail: { state: value } },
  );
}

function runCases(cases: AnythingButCase[]): void {
  it.each(cases)("$rule", ({ operand, value, matches }) => {
    expect(matchesState(operand, value)).toBe(matches);
  });
}

describe("anything-but with values (Comparison operators › Anything-but matching)", () => {
  runCases([
    {
      rule: "a single string matches any other string (Anything-but matching)",
      operand: "initializing",
      value: "running",
      matches: true,
    },
    {
      rule: "a single string does not match that string (Anything-but matching)",
      operand: "initializing",
      value: "initializing",
      matches: false,
    },
    {
      rule: "a single number matches any other number (Anything-but matching)",
      operand: 123,
      value: 124,
      matches: true,
    },
    {
      rule: "a single number does not match that number, in any notation (Anything-but matching)",
      operand: 123,
      value: 1.23e2,
      matches: false,
    },
    {
      rule: "a list of strings excludes every listed string (Anything-but matching: list of strings)",
      operand: ["stopped", "overloaded"],
      value: "overloaded",
      matches: false,
    },
    {
      rule: "a list of strings matches an unlisted string (Anything-but matching: list of strings)",
      operand: ["stopped", "overloaded"],
      value: "running",
      matches: true,
    },
    {
      rule: "a list of numbers excludes every listed number (Anything-but matching: list of numbers)",
      operand: [100, 200, 300],
      value: 200,
      matches: false,
    },
    {
      rule: "a list of numbers matches an unlisted number (Anything-but matching: list of numbers)",
      operand: [100, 200, 300],
      value: 301.8,
      matches: true,
    },
    {
      rule: "excluded strings are case-sensitive (Anything-but matching)",
      operand: "initializing",
      value: "INITIALIZING",
      matches: true,
    },
    {
      rule: "does not match a missing field (Anything-but matching: the field must exist)",
      operand: "initializing",
      value: undefined,
      matches: false,
    },
    {
      rule: "does not match when the field holds an object, not a value (Anything-but matching: leaf values)",
      operand: "initializing",
      value: { nested: "x" },
      matches: false,
    },
    {
      rule: "matches an event array holding any non-excluded element (Anything-but + Arrays in event patterns)",
      operand: ["stopped"],
      value: ["stopped", "running"],
      matches: true,
    },
    {
      rule: "does not match an event array of only excluded elements (Anything-but + Arrays in event patterns)",
      operand: ["stopped", "failed"],
      value: ["stopped", "failed"],
      matches: false,
    },
    {
      rule: "does not match an empty event array (Anything-but: no value is present)",
      operand: "stopped",
      value: [],
      matches: false,
    },
    {
      rule: 'string exclusions pass numbers: "5" does not exclude 5 (event-ruler: types never equal)',
      operand: "5",
      value: 5,
      matches: true,
    },
    {
      rule: 'number exclusions pass strings: 5 does not exclude "5" (event-ruler: types never equal)',
      operand: [5],
      value: "5",
      matches: true,
    },
    {
      rule: "string exclusions pass null and booleans (event-ruler: anything-but accepts any other value)",
      operand: "x",
      value: null,
      matches: true,
    },
    {
      rule: "number exclusions pass booleans (event-ruler: anything-but accepts any other value)",
      operand: [1],
      value: true,
      matches: true,
    },
  ]);
});

describe("anything-but prefix (Comparison operators › Anything-but (begins with))", () => {
  runCases([
    {
      rule: "matches a value without the prefix (Anything-but matching: begins with)",
      operand: { prefix: "init" },
      value: "running",
      matches: true,
    },
    {
      rule: "does not match a value with the prefix (Anything-but matching: begins with)",
      operand: { prefix: "init" },
      value: "initializing",
      matches: false,
    },
    {
      rule: "a list of prefixes excludes each of them (event-ruler accepts prefix lists; older docs allowed one)",
      operand: { prefix: ["us-", "eu-"] },
      value: "eu-west-1",
      matches: false,
    },
    {
      rule: "a list of prefixes matches a value with none of them (event-ruler accepts prefix lists)",
      operand: { prefix: ["us-", "eu-"] },
      value: "ap-south-1",
      matches: true,
    },
    {
      rule: "passes numbers, which have no string prefix (event-ruler: anything-but accepts other types)",
      operand: { prefix: "1" },
      value: 123,
      matches: true,
    },
  ]);
});

describe("anything-but suffix (Comparison operators › Anything-but (ends with))", () => {
  runCases([
    {
      rule: "matches a value without the suffix (Anything-but matching: ends with)",
      operand: { suffix: ".png" },
      value: "cat.jpg",
      matches: true,
    },
    {
      rule: "does not match a value with the suffix (Anything-but matching: ends with)",
      operand: { suffix: ".png" },
      value: "cat.png",
      matches: false,
    },
    {
      rule: "a list of suffixes excludes each of them (event-ruler accepts suffix lists)",
      operand: { suffix: [".png", ".jpg"] },
      value: "cat.jpg",
      matches: false,
    },
  ]);
});

describe("anything-but equals-ignore-case (Comparison operators › Anything-but (ignore case))", () => {
  runCases([
    {
      rule: "does not match the value in another casing (Anything-but matching: ignore case)",
      operand: { "equals-ignore-case": "initializing" },
      value: "INITIALIZING",
      matches: false,
    },
    {
      rule: "matches a different value (Anything-but matching: ignore case)",
      operand: { "equals-ignore-case": "initializing" },
      value: "Running",
      matches: true,
    },
    {
      rule: "a list excludes every value in any casing (Anything-but matching: ignore case, list)",
      operand: { "equals-ignore-case": ["Stopped", "Failed"] },
      value: "FAILED",
      matches: false,
    },
  ]);
});

describe("anything-but wildcard (Comparison operators › Anything-but using a wildcard)", () => {
  runCases([
    {
      rule: "does not match a path the wildcard covers (Anything-but using a wildcard)",
      operand: { wildcard: "*/lib/*" },
      value: "src/lib/index.js",
      matches: false,
    },
    {
      rule: "matches a path the wildcard does not cover (Anything-but using a wildcard)",
      operand: { wildcard: "*/lib/*" },
      value: "src/app/index.js",
      matches: true,
    },
    {
      rule: "a list excludes anything any wildcard covers (Anything-but using a wildcard, list)",
      operand: { wildcard: ["*.tmp", "cache/*"] },
      value: "cache/models/a.bin",
      matches: false,
    },
  ]);
});
