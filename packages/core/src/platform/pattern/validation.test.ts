import { describe, expect, it } from "vitest";
import { VisibleError } from "../errors";
import { compilePattern, InvalidPatternError } from "./index";

interface InvalidCase {
  rule: string;
  pattern: unknown;
  message: RegExp;
}

function leaf(matcher: unknown): unknown {
  return { detail: { size: [matcher] } };
}

function rejectionOf(pattern: unknown): InvalidPatternError {
  try {
    compilePattern(pattern);
  } catch (error) {
    if (error instanceof InvalidPatternError) return error;
    throw error;
  }
  throw new Error(`pattern was accepted: ${JSON.stringify(pattern)}`);
}

function runInvalidCases(cases: InvalidCase[]): void {
  it.each(cases)("$rule", ({ pattern, message }) => {
    expect(rejectionOf(pattern).message).toMatch(message);
  });
}

describe("pattern structure is validated (Event patterns; event-ruler JsonRuleCompiler)", () => {
  runInvalidCases([
    {
      rule: "rejects text that is not JSON (Event patterns: a pattern is JSON)",
      pattern: '{"source": [',
      message: /^event pattern: is not valid JSON/,
    },
    {
      rule: "rejects a JSON array (Event patterns: a pattern is a JSON object)",
      pattern: "[1]",
      message: /must be a JSON object, got an array/,
    },
    {
      rule: "rejects null (Event patterns: a pattern is a JSON object)",
      pattern: null,
      message: /must be a JSON object, got null/,
    },
    {
      rule: "rejects a number (Event patterns: a pattern is a JSON object)",
      pattern: 42,
      message: /must be a JSON object, got 42/,
    },
    {
      rule: "rejects an empty pattern (event-ruler: empty objects are not allowed)",
      pattern: {},
      message: /^event pattern: empty objects are not allowed/,
    },
    {
      rule: "rejects an empty nested object (event-ruler: empty objects are not allowed)",
      pattern: { detail: {} },
      message: /^"detail": empty objects are not allowed/,
    },
    {
      rule: "rejects a leaf that is a bare string instead of a list (Event patterns: values are arrays)",
      pattern: { source: "aws.s3" },
      message: /^"source": must be an array of values .* got "aws.s3"/,
    },
    {
      rule: "rejects a leaf that is a bare number (Event patterns: values are arrays)",
      pattern: { detail: { size: 5 } },
      message: /^"detail.size": must be an array/,
    },
    {
      rule: "rejects a leaf that is undefined (Event patterns: values are arrays)",
      pattern: { source: undefined },
      message: /got undefined/,
    },
    {
      rule: "rejects an empty value list (event-ruler: empty arrays are not allowed)",
      pattern: { source: [] },
      message: /^"source": empty arrays are not allowed/,
    },
    {
      rule: "rejects a nested list as a value (event-ruler: match value must be string, number, boolean or null)",
      pattern: { source: [["a"]] },
      message: /each value must be a string, number, boolean, null or an operator object/,
    },
    {
      rule: "rejects NaN as a value (Event patterns: values are JSON)",
      pattern: { n: [Number.NaN] },
      message: /NaN is not a JSON number/,
    },
    {
      rule: "rejects a function as a value (Event patterns: values are JSON)",
      pattern: { n: [() => 1] },
      message: /got a function/,
    },
  ]);
});

describe("operator objects are validated (Comparison operators)", () => {
  runInvalidCases([
    {
      rule: "rejects an unknown operator (Comparison operators: only documented operators)",
      pattern: leaf({ contains: "x" }),
      message: /^"detail.size": unknown operator "contains" \(supported: prefix, suffix/,
    },
    {
      rule: 'rejects event-ruler\'s undocumented "exactly" (judgment: EventBridge does not document it)',
      pattern: leaf({ exactly: "x" }),
      message: /unknown operator "exactly"/,
    },
    {
      rule: "rejects an operator object with two keys (event-ruler: only one key allowed in match expression)",
      pattern: leaf({ prefix: "a", suffix: "b" }),
      message: /must have exactly one key, found "prefix", "suffix"/,
    },
    {
      rule: "rejects an empty operator object (event-ruler: match expression name not found)",
      pattern: leaf({}),
      message: /must have exactly one key, found none/,
    },
    {
      rule: "rejects a non-string prefix (Prefix matching: string values)",
      pattern: leaf({ prefix: 5 }),
      message: /prefix must be a string or \{"equals-ignore-case": string\}, got 5/,
    },
    {
      rule: "rejects prefix with an operator other than equals-ignore-case (Prefix matching while ignoring case)",
      pattern: leaf({ prefix: { wildcard: "a*" } }),
      message: /prefix only supports "equals-ignore-case", got "wildcard"/,
    },
    {
      rule: "rejects a non-string prefix equals-ignore-case (Prefix matching while ignoring case)",
      pattern: leaf({ prefix: { "equals-ignore-case": ["a"] } }),
      message: /prefix equals-ignore-case must be a string, got an array/,
    },
    {
      rule: "rejects a null suffix (Suffix matching: string values)",
      pattern: leaf({ suffix: null }),
      message: /suffix must be a string .* got null/,
    },
    {
      rule: "rejects suffix equals-ignore-case with extra keys (Suffix matching while ignoring case)",
      pattern: leaf({ suffix: { "equals-ignore-case": "a", prefix: "b" } }),
      message: /suffix must have exactly one key/,
    },
    {
      rule: "rejects a list for equals-ignore-case (Equals-ignore-case matching: a string)",
      pattern: leaf({ "equals-ignore-case": ["a"] }),
      message: /equals-ignore-case must be a string, got an array/,
    },
    {
      rule: "rejects exists with a string (Exists matching: true or false)",
      pattern: leaf({ exists: "true" }),
      message: /exists must be true or false, got "true"/,
    },
    {
      rule: "rejects exists with null (Exists matching: true or false)",
      pattern: leaf({ exists: null }),
      message: /exists must be true or false, got null/,
    },
  ]);
});

describe("anything-but operands are validated (Comparison operators › Anything-but matching)", () => {
  runInvalidCases([
    {
      rule: "rejects a boolean (Anything-but: strings and numbers only)",
      pattern: leaf({ "anything-but": true }),
      message: /anything-but must be a string, a number, a list/,
    },
    {
      rule: "rejects null (Anything-but: strings and numbers only)",
      pattern: leaf({ "anything-but": null }),
      message: /anything-but must be .* got null/,
    },
    {
      rule: "rejects a list mixing strings and numbers (Anything-but: lists of only strings or only numbers)",
      pattern: leaf({ "anything-but": ["a", 1] }),
      message: /only strings or only numbers/,
    },
    {
      rule: "rejects null inside a list (event-ruler: null is not supported inside anything-but)",
      pattern: leaf({ "anything-but": ["a", null] }),
      message: /only strings or only numbers/,
    },
    {
      rule: "rejects an empty list (event-ruler: a list needs strings or numbers)",
      pattern: leaf({ "anything-but": [] }),
      message: /anything-but list must not be empty/,
    },
    {
      rule: "rejects an unsupported nested operator (Anything-but: prefix, suffix, equals-ignore-case, wildcard)",
      pattern: leaf({ "anything-but": { numeric: [">", 1] } }),
      message: /anything-but does not support "numeric"/,
    },
    {
      rule: "rejects a nested operator object with two keys (event-ruler: one key per expression)",
      pattern: leaf({ "anything-but": { prefix: "a", suffix: "b" } }),
      message: /anything-but operator object must have exactly one key/,
    },
    {
      rule: "rejects an empty prefix (event-ruler: null prefix/suffix not allowed)",
      pattern: leaf({ "anything-but": { prefix: "" } }),
      message: /anything-but prefix must not be empty/,
    },
    {
      rule: "rejects an empty suffix in a list (event-ruler: null prefix/suffix not allowed)",
      pattern: leaf({ "anything-but": { suffix: [".png", ""] } }),
      message: /anything-but suffix must not be empty/,
    },
    {
      rule: "rejects a number as a prefix (Anything-but (begins with): a string)",
      pattern: leaf({ "anything-but": { prefix: 1 } }),
      message: /anything-but prefix must be a string or a non-empty list of strings, got 1/,
    },
    {
      rule: "rejects an empty equals-ignore-case list (judgment: an empty exclusion list is a mistake)",
      pattern: leaf({ "anything-but": { "equals-ignore-case": [] } }),
      message: /non-empty list of strings/,
    },
    {
      rule: "rejects an invalid wildcard (Anything-but using a wildcard + Wildcard matching rules)",
      pattern: leaf({ "anything-but": { wildcard: "a**" } }),
      message: /anything-but wildcard "a\*\*": consecutive wildcard characters/,
    },
    {
      rule: "rejects an excluded number beyond 5e9 (Numeric matching: value range)",
      pattern: leaf({ "anything-but": [6e9] }),
      message: /outside the supported range/,
    },
  ]);
});

describe("numeric operands are validated (Comparison operators › Numeric matching)", () => {
  runInvalidCases([
    {
      rule: "rejects a non-array operand (Numeric matching: an operator list)",
      pattern: leaf({ numeric: ">" }),
      message: /numeric must be a non-empty array/,
    },
    {
      rule: "rejects an empty list (Numeric matching: an operator list)",
      pattern: leaf({ numeric: [] }),
      message: /numeric must be a non-empty array/,
    },
    {
      rule: "rejects an operator followed by a string (Numeric matching: JSON numbers)",
      pattern: leaf({ numeric: [">", "5"] }),
      message: /^"detail.size": numeric operator ">" must be followed by a number, got "5"$/,
    },
    {
      rule: "rejects an operator with no number (Numeric matching)",
      pattern: leaf({ numeric: [">="] }),
      message: /numeric operator ">=" must be followed by a number, got undefined/,
    },
    {
      rule: "rejects NaN (Numeric matching: JSON numbers)",
      pattern: leaf({ numeric: ["<", Number.NaN] }),
      message: /must be followed by a number, got NaN/,
    },
    {
      rule: "rejects a list that starts with a number (Numeric matching: operator first)",
      pattern: leaf({ numeric: [5] }),
      message: /expects an operator .* at position 0, got 5/,
    },
    {
      rule: "rejects an unknown comparison (Numeric matching: =, >, >=, <, <=)",
      pattern: leaf({ numeric: ["!=", 5] }),
      message: /numeric: unknown operator "!="/,
    },
    {
      rule: 'rejects "=" followed by more terms (event-ruler: too many elements in numeric expression)',
      pattern: leaf({ numeric: ["=", 5, "<", 6] }),
      message: /"=" takes exactly one number/,
    },
    {
      rule: 'rejects "=" inside a range (Numeric matching)',
      pattern: leaf({ numeric: [">", 1, "=", 2] }),
      message: /"=" cannot be combined/,
    },
    {
      rule: "rejects two lower bounds (event-ruler: bad numeric range operator)",
      pattern: leaf({ numeric: [">", 1, ">=", 2] }),
      message: /more than one lower bound/,
    },
    {
      rule: "rejects two upper bounds (event-ruler: too many elements)",
      pattern: leaf({ numeric: ["<", 1, "<=", 2] }),
      message: /more than one upper bound/,
    },
    {
      rule: "rejects an upper bound before the lower bound (event-ruler: lower bound first)",
      pattern: leaf({ numeric: ["<", 10, ">", 0] }),
      message: /lower bound must come before the upper bound/,
    },
    {
      rule: "rejects a range whose bounds are equal (event-ruler: bottom must be less than top)",
      pattern: leaf({ numeric: [">=", 5, "<=", 5] }),
      message: /numeric range is empty/,
    },
    {
      rule: "rejects a range whose bounds are reversed (event-ruler: bottom must be less than top)",
      pattern: leaf({ numeric: [">", 10, "<", 1] }),
      message: /lower bound 10 must be less than the upper bound 1/,
    },
    {
      rule: "rejects a value above 5e9 (Numeric matching: -5.0e9 to +5.0e9 inclusive)",
      pattern: leaf({ numeric: [">", 5000000001] }),
      message: /5000000001 is outside the supported range -5e9 to 5e9/,
    },
    {
      rule: "rejects a value below -5e9 (Numeric matching: -5.0e9 to +5.0e9 inclusive)",
      pattern: leaf({ numeric: ["<", -6e9] }),
      message: /outside the supported range/,
    },
    {
      rule: "rejects seven decimal places (Numeric matching: six digits after the decimal point)",
      pattern: leaf({ numeric: ["=", 0.1234567] }),
      message: /0.1234567 has more than 6 digits after the decimal point/,
    },
    {
      rule: "rejects 1e-7 (Numeric matching: six digits after the decimal point)",
      pattern: leaf({ numeric: [">", 1e-7] }),
      message: /more than 6 digits/,
    },
  ]);

  it.each([
    ["5e9", [">=", 5e9]],
    ["-5e9", ["<=", -5e9]],
    ["six decimals", ["=", 0.000001]],
    ["3.018e2", ["=", 3.018e2]],
  ])("accepts %s (Numeric matching: inside the documented limits)", (_, numeric) => {
    expect(() => compilePattern(leaf({ numeric }))).not.toThrow();
  });
});

describe("cidr and wildcard operands are validated (IP address matching; Wildcard matching)", () => {
  runInvalidCases([
    {
      rule: "rejects a non-string cidr (IP address matching)",
      pattern: leaf({ cidr: 10 }),
      message: /cidr must be a string/,
    },
    {
      rule: "rejects a cidr without a mask (event-ruler: one '/' required)",
      pattern: leaf({ cidr: "10.0.0.0" }),
      message: /cidr "10.0.0.0": malformed CIDR, exactly one '\/' is required/,
    },
    {
      rule: "rejects a non-integer mask (event-ruler: mask bits must be an integer)",
      pattern: leaf({ cidr: "10.0.0.0/abc" }),
      message: /mask bits must be an integer/,
    },
    {
      rule: "rejects a negative mask (event-ruler: mask bits must not be negative)",
      pattern: leaf({ cidr: "10.0.0.0/-1" }),
      message: /must not be negative/,
    },
    {
      rule: "rejects an IPv4 /32 (event-ruler: IPv4 mask bits must be < 32)",
      pattern: leaf({ cidr: "10.0.0.1/32" }),
      message: /IPv4 mask bits must be < 32/,
    },
    {
      rule: "rejects an IPv6 /128 (event-ruler: IPv6 mask bits must be < 128)",
      pattern: leaf({ cidr: "2001:db8::1/128" }),
      message: /IPv6 mask bits must be < 128/,
    },
    {
      rule: "rejects an octet above 255 (event-ruler: invalid IP address)",
      pattern: leaf({ cidr: "10.0.0.300/24" }),
      message: /invalid IP address "10.0.0.300"/,
    },
    {
      rule: "rejects a host name (event-ruler: invalid IP address)",
      pattern: leaf({ cidr: "example.com/8" }),
      message: /invalid IP address/,
    },
    {
      rule: 'rejects an IPv6 address with two "::" (IP address matching)',
      pattern: leaf({ cidr: "2001::db8::1/64" }),
      message: /invalid IP address/,
    },
    {
      rule: "rejects a non-string wildcard (Wildcard matching: string values)",
      pattern: leaf({ wildcard: ["a*"] }),
      message: /wildcard must be a string, got an array/,
    },
    {
      rule: "rejects consecutive wildcards (Wildcard matching: consecutive wildcard characters are not supported)",
      pattern: leaf({ wildcard: "dir/**/x" }),
      message: /consecutive wildcard characters \("\*\*"\) at position 4/,
    },
    {
      rule: "rejects escaping another character (Wildcard matching: only \\* and \\\\ may be escaped)",
      pattern: leaf({ wildcard: "a\\b" }),
      message: /invalid escape at position 1/,
    },
    {
      rule: "rejects a trailing backslash (Wildcard matching: only \\* and \\\\ may be escaped)",
      pattern: leaf({ wildcard: "ab\\" }),
      message: /invalid escape at position 2/,
    },
  ]);
});

describe("$or is validated (Comparison operators › Or matching; event-ruler $or)", () => {
  runInvalidCases([
    {
      rule: "rejects $or given an object (Or matching: $or takes an array)",
      pattern: { $or: { a: ["x"] } },
      message: /^"\$or": \$or must be an array of at least 2 pattern objects, got an object/,
    },
    {
      rule: "rejects $or with one branch (event-ruler: at least 2 objects in $or)",
      pattern: { $or: [{ a: ["x"] }] },
      message: /at least 2 pattern objects, got an array with 1 item/,
    },
    {
      rule: "rejects $or with no branches (event-ruler: at least 2 objects in $or)",
      pattern: { $or: [] },
      message: /with 0 item/,
    },
    {
      rule: "rejects a branch that is not an object (event-ruler: only JSON objects in $or)",
      pattern: { $or: [{ a: ["x"] }, ["b"]] },
      message: /^"\$or\[1\]": each \$or item must be a pattern object/,
    },
    {
      rule: "rejects an empty branch (event-ruler: empty objects are not allowed)",
      pattern: { $or: [{ a: ["x"] }, {}] },
      message: /^"\$or\[1\]": empty objects are not allowed/,
    },
    {
      rule: "names the failing field inside a branch (Or matching)",
      pattern: { detail: { $or: [{ a: ["x"] }, { b: "y" }] } },
      message: /^"detail.\$or\[1\].b": must be an array/,
    },
    {
      rule: "rejects an operator name used as a field inside $or (event-ruler: reserved field names in $or)",
      pattern: { $or: [{ numeric: [1] }, { b: ["y"] }] },
      message:
        /"numeric" is a reserved operator name and cannot be used as a field name inside \$or/,
    },
    {
      rule: "rejects a reserved name deeper inside a $or branch (event-ruler: reserved field names in $or)",
      pattern: { $or: [{ a: { prefix: ["x"] } }, { b: ["y"] }] },
      message: /^"\$or\[0\].a.prefix": "prefix" is a reserved operator name/,
    },
  ]);

  it("allows operator names as ordinary field names outside $or (event-ruler: reserved only inside $or)", () => {
    expect(compilePattern({ detail: { prefix: ["x"] } }).matches({ detail: { prefix: "x" } })).toBe(
      true,
    );
  });
});

describe("InvalidPatternError (public API)", () => {
  it("carries code pattern.invalid, the field path, and is a user-visible input error", () => {
    const error = rejectionOf({ detail: { size: [{ numeric: [">", "5"] }] } });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(VisibleError);
    expect(error.code).toBe("pattern.invalid");
    expect(error.kind).toBe("input");
    expect(error.name).toBe("InvalidPatternError");
    expect(error.path).toBe("detail.size");
  });

  it("reports the first invalid field, not an unrelated one (compilePattern validates everything once)", () => {
    const error = rejectionOf({ source: ["aws.s3"], detail: { key: [{ wildcard: "**" }] } });
    expect(error.path).toBe("detail.key");
  });
});
