import { describe, expect, it } from "vitest";
import { compilePattern, testPattern } from "./index";

interface MatchCase {
  rule: string;
  pattern: unknown;
  event: unknown;
  matches: boolean;
}

const ec2Event = {
  version: "0",
  id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "111122223333",
  time: "2017-12-22T18:43:48Z",
  region: "us-west-1",
  resources: ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
  detail: { "instance-id": "i-1234567890abcdef0", state: "terminated", count: 300, ok: true },
};

describe("exact values (Event patterns › matching on field values)", () => {
  const cases: MatchCase[] = [
    {
      rule: "matches when every pattern field equals the event field (Event patterns: fields are ANDed)",
      pattern: { source: ["aws.ec2"], detail: { state: ["terminated"] } },
      event: ec2Event,
      matches: true,
    },
    {
      rule: "does not match when one of the ANDed fields differs (Event patterns: fields are ANDed)",
      pattern: { source: ["aws.ec2"], detail: { state: ["running"] } },
      event: ec2Event,
      matches: false,
    },
    {
      rule: "matches when the event value is any of the listed values (Event patterns: a value list is an OR)",
      pattern: { detail: { state: ["pending", "terminated"] } },
      event: ec2Event,
      matches: true,
    },
    {
      rule: "ignores event fields the pattern does not mention (Event patterns)",
      pattern: { region: ["us-west-1"] },
      event: ec2Event,
      matches: true,
    },
    {
      rule: "string comparison is case-sensitive (Event patterns: values are matched character for character)",
      pattern: { source: ["AWS.EC2"] },
      event: ec2Event,
      matches: false,
    },
    {
      rule: 'a string never equals a number: "300" does not match 300 (Event patterns: JSON types must agree)',
      pattern: { detail: { count: ["300"] } },
      event: ec2Event,
      matches: false,
    },
    {
      rule: 'a number never equals a string: 5 does not match "5" (Event patterns: JSON types must agree)',
      pattern: { n: [5] },
      event: { n: "5" },
      matches: false,
    },
    {
      rule: "numbers compare as numbers: 3.0e2 matches 300 (event-ruler: exact numbers are compared numerically)",
      pattern: JSON.parse('{"detail": {"count": [3.0e2]}}'),
      event: ec2Event,
      matches: true,
    },
    {
      rule: "numbers compare as numbers: 300.0 in the event matches 300 in the pattern (event-ruler)",
      pattern: { n: [300] },
      event: JSON.parse('{"n": 300.0}'),
      matches: true,
    },
    {
      rule: "large integers such as account ids match exactly (event-ruler keeps the literal match)",
      pattern: { n: [123456789012] },
      event: { n: 123456789012 },
      matches: true,
    },
    {
      rule: "a boolean matches the same boolean (Matching on event field values: JSON literals)",
      pattern: { detail: { ok: [true] } },
      event: ec2Event,
      matches: true,
    },
    {
      rule: 'a boolean does not match the string "true" (Event patterns: JSON types must agree)',
      pattern: { detail: { ok: ["true"] } },
      event: ec2Event,
      matches: false,
    },
    {
      rule: "false matches only false (Matching on event field values: JSON literals)",
      pattern: { flag: [false] },
      event: { flag: true },
      matches: false,
    },
    {
      rule: "the empty string matches an empty string (Null values and empty strings)",
      pattern: { detail: { eventVersion: [""] } },
      event: { detail: { eventVersion: "", responseElements: null } },
      matches: true,
    },
    {
      rule: "the empty string does not match null (Null values and empty strings: they are not interchangeable)",
      pattern: { detail: { responseElements: [""] } },
      event: { detail: { eventVersion: "", responseElements: null } },
      matches: false,
    },
    {
      rule: "null matches a null value (Null values and empty strings)",
      pattern: { detail: { responseElements: [null] } },
      event: { detail: { eventVersion: "", responseElements: null } },
      matches: true,
    },
    {
      rule: "null does not match an empty string (Null values and empty strings: they are not interchangeable)",
      pattern: { detail: { eventVersion: [null] } },
      event: { detail: { eventVersion: "", responseElements: null } },
      matches: false,
    },
    {
      rule: "null does not match a missing field (Null values and empty strings)",
      pattern: { detail: { other: [null] } },
      event: { detail: {} },
      matches: false,
    },
    {
      rule: "a missing field never matches an exact value (Event patterns: the event must contain the field)",
      pattern: { detail: { missing: ["x"] } },
      event: ec2Event,
      matches: false,
    },
    {
      rule: "a missing parent object never matches (Event patterns: nested fields are walked)",
      pattern: { detail: { nested: { deeper: ["x"] } } },
      event: ec2Event,
      matches: false,
    },
    {
      rule: "nested pattern objects walk nested event objects (Event patterns: same structure as the event)",
      pattern: { detail: { metadata: { stage: ["prod"] } } },
      event: { detail: { metadata: { stage: "prod" } } },
      matches: true,
    },
    {
      rule: "a leaf value does not match an object in the event (Event patterns: values match leaves)",
      pattern: { detail: ["x"] },
      event: { detail: { x: 1 } },
      matches: false,
    },
    {
      rule: "a nested pattern does not match a string at that place (Event patterns: structure must agree)",
      pattern: { detail: { x: ["1"] } },
      event: { detail: "x" },
      matches: false,
    },
    {
      rule: "a dotted key is one literal field name, not a path (judgment: event-ruler's dot-joining is documented as not to be relied on)",
      pattern: { "detail.state": ["terminated"] },
      event: ec2Event,
      matches: false,
    },
    {
      rule: "a dotted key matches an event field with that literal name (event-ruler: keys with dots)",
      pattern: { detail: { "state.status": ["running"] } },
      event: { detail: { "state.status": "running" } },
      matches: true,
    },
  ];

  it.each(cases)("$rule", ({ pattern, event, matches }) => {
    expect(testPattern(pattern, event)).toBe(matches);
  });
});

describe("arrays in the event (Arrays in event patterns)", () => {
  const cases: MatchCase[] = [
    {
      rule: "matches when the pattern list and the event array intersect (Arrays in event patterns)",
      pattern: {
        resources: [
          "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
          "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f",
        ],
      },
      event: {
        resources: [
          "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b",
          "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
        ],
      },
      matches: true,
    },
    {
      rule: "does not match when the intersection is empty (Arrays in event patterns)",
      pattern: { resources: ["arn:a"] },
      event: { resources: ["arn:b", "arn:c"] },
      matches: false,
    },
    {
      rule: "an empty event array matches no value (Arrays in event patterns: empty intersection)",
      pattern: { resources: ["arn:a"] },
      event: { resources: [] },
      matches: false,
    },
    {
      rule: "nested arrays are flattened (event-ruler JSON Array Matching: multi-level arrays)",
      pattern: { tags: ["b"] },
      event: { tags: [["a"], ["b", "c"]] },
      matches: true,
    },
    {
      rule: "objects inside arrays are walked (event-ruler JSON Array Matching)",
      pattern: { employees: { firstName: ["Anna"] } },
      event: {
        employees: [
          { firstName: "John", lastName: "Doe" },
          { firstName: "Anna", lastName: "Smith" },
        ],
      },
      matches: true,
    },
    {
      rule: "objects inside nested arrays are walked (event-ruler JSON Array Matching: multi-level arrays)",
      pattern: { employees: { firstName: ["Peter"] } },
      event: {
        employees: [[{ firstName: "John" }, { firstName: "Anna" }], [{ firstName: "Peter" }]],
      },
      matches: true,
    },
    {
      rule: "fields of one array element must match together (event-ruler rulesForJSONEvent: array consistency)",
      pattern: { employees: { firstName: ["Anna"], lastName: ["Jones"] } },
      event: {
        employees: [
          { firstName: "Anna", lastName: "Smith" },
          { firstName: "Peter", lastName: "Jones" },
        ],
      },
      matches: false,
    },
    {
      rule: "fields of the same array element match together (event-ruler rulesForJSONEvent: array consistency)",
      pattern: { employees: { firstName: ["Peter"], lastName: ["Jones"] } },
      event: {
        employees: [
          { firstName: "Anna", lastName: "Smith" },
          { firstName: "Peter", lastName: "Jones" },
        ],
      },
      matches: true,
    },
    {
      rule: "an array of strings where an object is expected does not match (Event patterns: structure)",
      pattern: { items: { name: ["a"] } },
      event: { items: ["a", "b"] },
      matches: false,
    },
  ];

  it.each(cases)("$rule", ({ pattern, event, matches }) => {
    expect(testPattern(pattern, event)).toBe(matches);
  });
});

describe("events that are not JSON objects (matches never throws)", () => {
  const compiled = compilePattern({ source: ["aws.ec2"] });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a string", "aws.ec2"],
    ["a number", 42],
    ["an array", [{ source: "aws.ec2" }]],
  ])("does not match %s as the whole event (an event is a JSON object)", (_, event) => {
    expect(compiled.matches(event)).toBe(false);
  });

  it("returns false instead of throwing when reading the event throws (matches never throws)", () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("boom");
        },
      },
    );
    expect(compiled.matches(hostile)).toBe(false);
  });

  it('reads "constructor" only as an own field (JSON events have no prototype fields)', () => {
    expect(testPattern({ constructor: [{ exists: true }] }, {})).toBe(false);
    expect(testPattern({ constructor: ["x"] }, { constructor: "x" })).toBe(true);
  });
});
