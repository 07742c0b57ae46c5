import { describe, expect, it } from "vitest";
import { testPattern } from "./index";

interface StringCase {
  rule: string;
  matcher: unknown;
  value: unknown;
  matches: boolean;
}

function matchesValue(matcher: unknown, value: unknown): boolean {
  return testPattern({ detail: { field: [matcher] } }, { detail: { field: value } });
}

function runCases(cases: StringCase[]): void {
  it.each(cases)("$rule", ({ matcher, value, matches }) => {
    expect(matchesValue(matcher, value)).toBe(matches);
  });
}

describe("prefix (Comparison operators › Prefix matching)", () => {
  runCases([
    {
      rule: "matches a string that starts with the value (Prefix matching)",
      matcher: { prefix: "2017-10-02" },
      value: "2017-10-02T18:43:48Z",
      matches: true,
    },
    {
      rule: "does not match a string that merely contains the value (Prefix matching)",
      matcher: { prefix: "10-02" },
      value: "2017-10-02T18:43:48Z",
      matches: false,
    },
    {
      rule: "is case-sensitive (Prefix matching)",
      matcher: { prefix: "us-" },
      value: "US-EAST-1",
      matches: false,
    },
    {
      rule: "matches a string equal to the prefix (Prefix matching)",
      matcher: { prefix: "us-east-1" },
      value: "us-east-1",
      matches: true,
    },
    {
      rule: "only works on strings, not numbers (Prefix matching: string values)",
      matcher: { prefix: "12" },
      value: 123,
      matches: false,
    },
    {
      rule: "matches any element of an event array (Prefix matching + Arrays in event patterns)",
      matcher: { prefix: "arn:aws:s3" },
      value: ["arn:aws:ec2:x", "arn:aws:s3:::bucket"],
      matches: true,
    },
    {
      rule: "an empty prefix matches every string (event-ruler accepts an empty prefix)",
      matcher: { prefix: "" },
      value: "anything",
      matches: true,
    },
    {
      rule: "does not match a missing field (Prefix matching: the field must exist)",
      matcher: { prefix: "" },
      value: undefined,
      matches: false,
    },
  ]);
});

describe("prefix ignoring case (Comparison operators › Prefix matching while ignoring case)", () => {
  runCases([
    {
      rule: "matches a prefix in any casing (Prefix matching while ignoring case)",
      matcher: { prefix: { "equals-ignore-case": "EventB" } },
      value: "eventbridge",
      matches: true,
    },
    {
      rule: "matches an upper-case event value (Prefix matching while ignoring case)",
      matcher: { prefix: { "equals-ignore-case": "eventb" } },
      value: "EVENTBRIDGE",
      matches: true,
    },
    {
      rule: "still requires the start of the string (Prefix matching while ignoring case)",
      matcher: { prefix: { "equals-ignore-case": "bridge" } },
      value: "EventBridge",
      matches: false,
    },
    {
      rule: "folds non-ASCII letters too (Prefix matching while ignoring case)",
      matcher: { prefix: { "equals-ignore-case": "ÉTÉ" } },
      value: "été-2024",
      matches: true,
    },
  ]);
});

describe("suffix (Comparison operators › Suffix matching)", () => {
  runCases([
    {
      rule: "matches a string that ends with the value (Suffix matching)",
      matcher: { suffix: ".png" },
      value: "photos/cat.png",
      matches: true,
    },
    {
      rule: "does not match a different ending (Suffix matching)",
      matcher: { suffix: ".png" },
      value: "photos/cat.png.bak",
      matches: false,
    },
    {
      rule: "is case-sensitive (Suffix matching)",
      matcher: { suffix: ".png" },
      value: "CAT.PNG",
      matches: false,
    },
    {
      rule: "only works on strings (Suffix matching: string values)",
      matcher: { suffix: "5" },
      value: 15,
      matches: false,
    },
  ]);
});

describe("suffix ignoring case (Comparison operators › Suffix matching while ignoring case)", () => {
  runCases([
    {
      rule: "matches a suffix in any casing (Suffix matching while ignoring case)",
      matcher: { suffix: { "equals-ignore-case": "tBridge" } },
      value: "EVENTBRIDGE",
      matches: true,
    },
    {
      rule: "does not match when the ending differs (Suffix matching while ignoring case)",
      matcher: { suffix: { "equals-ignore-case": ".PNG" } },
      value: "cat.jpg",
      matches: false,
    },
    {
      rule: "folds non-ASCII text in the event (Suffix matching while ignoring case)",
      matcher: { suffix: { "equals-ignore-case": "straße" } },
      value: "HAUPTSTRAßE",
      matches: true,
    },
  ]);
});

describe("equals-ignore-case (Comparison operators › Equals-ignore-case matching)", () => {
  runCases([
    {
      rule: "matches the same string in another casing (Equals-ignore-case matching)",
      matcher: { "equals-ignore-case": "alice" },
      value: "ALICE",
      matches: true,
    },
    {
      rule: "does not match a longer string (Equals-ignore-case matching)",
      matcher: { "equals-ignore-case": "alice" },
      value: "Alice Smith",
      matches: false,
    },
    {
      rule: "does not match a different string of the same length (Equals-ignore-case matching)",
      matcher: { "equals-ignore-case": "alice" },
      value: "alicf",
      matches: false,
    },
    {
      rule: "folds non-ASCII letters (Equals-ignore-case matching)",
      matcher: { "equals-ignore-case": "ÖSTERREICH" },
      value: "österreich",
      matches: true,
    },
    {
      rule: "only works on strings (Equals-ignore-case matching: string values)",
      matcher: { "equals-ignore-case": "true" },
      value: true,
      matches: false,
    },
  ]);
});

describe("wildcard (Comparison operators › Wildcard matching)", () => {
  runCases([
    {
      rule: "* matches any characters in the middle (Wildcard matching)",
      matcher: { wildcard: "Simple*Service" },
      value: "Simple Notification Service",
      matches: true,
    },
    {
      rule: "* matches zero characters (Wildcard matching)",
      matcher: { wildcard: "Simple*Service" },
      value: "SimpleService",
      matches: true,
    },
    {
      rule: "literal parts must still match (Wildcard matching)",
      matcher: { wildcard: "Simple*Service" },
      value: "Simple Notification Services",
      matches: false,
    },
    {
      rule: "several wildcards match a path (Wildcard matching: any number of wildcard characters)",
      matcher: { wildcard: "dir/*/*.png" },
      value: "dir/2024/cat.png",
      matches: true,
    },
    {
      rule: "several wildcards need each literal in order (Wildcard matching)",
      matcher: { wildcard: "*/lib/*.js" },
      value: "src/app.js",
      matches: false,
    },
    {
      rule: "a leading wildcard is a suffix test (Wildcard matching)",
      matcher: { wildcard: "*.png" },
      value: "cat.png",
      matches: true,
    },
    {
      rule: "literal segments may not overlap (Wildcard matching)",
      matcher: { wildcard: "ab*ba" },
      value: "aba",
      matches: false,
    },
    {
      rule: "a lone * matches any string, including the empty string (Wildcard matching)",
      matcher: { wildcard: "*" },
      value: "",
      matches: true,
    },
    {
      rule: "without * it is an exact match (Wildcard matching)",
      matcher: { wildcard: "exact" },
      value: "exact!",
      matches: false,
    },
    {
      rule: "\\* matches a literal star only (Wildcard matching: escaping)",
      matcher: { wildcard: "a\\*b" },
      value: "a*b",
      matches: true,
    },
    {
      rule: "\\* does not act as a wildcard (Wildcard matching: escaping)",
      matcher: { wildcard: "a\\*b" },
      value: "axxb",
      matches: false,
    },
    {
      rule: "\\\\ matches a literal backslash (Wildcard matching: escaping)",
      matcher: { wildcard: "C:\\\\*" },
      value: "C:\\temp",
      matches: true,
    },
    {
      rule: "is case-sensitive (Wildcard matching)",
      matcher: { wildcard: "*.PNG" },
      value: "cat.png",
      matches: false,
    },
    {
      rule: "only works on strings (Wildcard matching: string values)",
      matcher: { wildcard: "1*" },
      value: 10,
      matches: false,
    },
    {
      rule: "stays linear on a long adversarial input (event-ruler: wildcard complexity)",
      matcher: { wildcard: "*a*a*a*a*a*a*a*a*b" },
      value: "a".repeat(50_000),
      matches: false,
    },
  ]);
});
