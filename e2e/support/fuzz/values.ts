import fc from "fast-check";
import { type Schema, typesOf } from "./operations";

/** Node's HTTP server refuses request heads over 16 KiB (its own 431, tested on its own): URLs stay under. */
const URL_SAFE_LENGTH = 8_000;

const oddStrings = [
  "",
  " ",
  "..",
  "../../etc/passwd",
  "a/../b",
  "\u0000",
  "\uD800",
  "\uFFFF",
  "e\u0301",
  "💥🧪",
  "<script>alert(1)</script>",
  "'; DROP TABLE x; --",
  "$" + "{jndi:x}",
  "__proto__",
  "constructor",
  "null",
  "-1",
  "1e400",
];

/** Strings a user should never send: unicode of every plane, control characters, traversal, huge. */
export const strangeString = (maxLength = 500_000) =>
  fc.oneof(
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.constantFrom(...oddStrings),
    fc
      .constantFrom(2_000, 5_000, 100_000, 500_000)
      .filter((n) => n <= maxLength)
      .chain((n) => fc.constantFrom("x", "é", "💥", "\u0000").map((c) => c.repeat(n / c.length))),
  );

/** A path or query value, already percent-encoded (some encodings on purpose broken). */
export const strangeUrlValue = fc.oneof(
  strangeString(URL_SAFE_LENGTH).map((s) => encodeLoosely(s).slice(0, URL_SAFE_LENGTH)),
  fc.constantFrom("%", "%zz", "%E0%A4%A", "%C0%AF", "%FF%FE", "%2e%2e", "%2F", "%00", "a%20b"),
);

export const strangeInteger = fc.constantFrom(
  "-1",
  "0",
  "1.5",
  "1e400",
  "99999999999999999999",
  "0x10",
  "NaN",
  "Infinity",
  "%201",
  "1%20",
  "abc",
  "1,2",
  "%E2%91%A0",
);

/** encodeURIComponent, with lone surrogates sent as the bytes a broken client would send. */
export function encodeLoosely(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value].map((c) => (isLoneSurrogate(c) ? "%ED%A0%80" : encodeLoosely(c))).join("");
  }
}

const isLoneSurrogate = (c: string) => c.length === 1 && /[\uD800-\uDFFF]/.test(c);

const jsonTypeOf = (value: unknown): string => {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
};

const admits = (types: Set<string>, value: unknown) => {
  const type = jsonTypeOf(value);
  return types.has(type) || (type === "integer" && types.has("number"));
};

const candidates: unknown[] = [
  0,
  -1,
  1.5,
  1e308,
  -0,
  "x",
  "",
  true,
  false,
  null,
  [],
  {},
  [1, "two", null],
  { nested: { deeper: [{}] } },
];

/** A value of a type the schema does not admit, or undefined if it admits anything. */
export function wrongTypeFor(schema: Schema): fc.Arbitrary<unknown> | undefined {
  const types = typesOf(schema);
  if (types === "any") return undefined;
  const wrong = candidates.filter((v) => !admits(types, v));
  if (wrong.length === 0) return undefined;
  return fc.oneof(
    fc.constantFrom(...wrong),
    ...(types.has("string") ? [] : [strangeString().map((s) => s as unknown)]),
  );
}

/** A value of an admitted type, but otherwise arbitrary: unicode and huge strings, odd numbers. */
export function plausibleFor(schema: Schema): fc.Arbitrary<unknown> {
  const types = typesOf(schema);
  if (types === "any") return fc.jsonValue({ maxDepth: 2 });
  const options: fc.Arbitrary<unknown>[] = [];
  if (schema.enum?.length) options.push(fc.constantFrom(...schema.enum));
  if (types.has("string")) options.push(strangeString());
  if (types.has("integer") || types.has("number"))
    options.push(fc.oneof(fc.integer(), fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER)));
  if (types.has("number")) options.push(fc.double({ noNaN: true, noDefaultInfinity: true }));
  if (types.has("boolean")) options.push(fc.boolean());
  if (types.has("null")) options.push(fc.constant(null));
  if (types.has("array")) options.push(fc.constant([]));
  if (types.has("object")) options.push(fc.constant({}));
  return options.length ? fc.oneof(...options) : fc.constant(null);
}
