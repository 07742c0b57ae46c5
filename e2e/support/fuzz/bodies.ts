import fc from "fast-check";
import type { Schema } from "./operations";
import { plausibleFor, strangeString, wrongTypeFor } from "./values";

type Body = Record<string, unknown>;

/** Some of the schema's fields with plausible values: the ground a broken body is built on. */
const plausibleFields = (schema: Schema) =>
  fc.record(
    Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([k, v]) => [k, plausibleFor(v)]),
    ),
    { requiredKeys: [] },
  ) as fc.Arbitrary<Body>;

const extraFields = fc.dictionary(
  fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "$where")),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 4 },
);

/** A body missing a required field (and carrying fields the schema never named). */
function missingRequired(schema: Schema): fc.Arbitrary<Body> | undefined {
  const required = schema.required ?? [];
  if (required.length === 0) return undefined;
  return fc
    .tuple(plausibleFields(schema), fc.constantFrom(...required), extraFields)
    .map(([fields, dropped, extra]) => {
      const body = { ...extra, ...fields };
      delete body[dropped];
      return body;
    });
}

/** A body with one field, top-level or one level down, of a type its schema does not admit. */
function wrongTypedField(schema: Schema): fc.Arbitrary<Body> | undefined {
  const paths = typedPaths(schema);
  if (paths.length === 0) return undefined;
  return fc
    .tuple(plausibleFields(schema), fc.constantFrom(...paths))
    .chain(([fields, { path, wrong }]) =>
      wrong.map((value) => setAt(structuredClone(fields), path, value)),
    );
}

interface TypedPath {
  path: string[];
  wrong: fc.Arbitrary<unknown>;
}

function typedPaths(schema: Schema, prefix: string[] = [], depth = 0): TypedPath[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, field]) => {
    const path = [...prefix, key];
    const wrong = wrongTypeFor(field);
    const here = wrong ? [{ path, wrong }] : [];
    return depth < 1 && field.properties ? [...here, ...typedPaths(field, path, depth + 1)] : here;
  });
}

function setAt(body: Body, path: string[], value: unknown): Body {
  let node = body;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node[key] = next && typeof next === "object" && !Array.isArray(next) ? next : {};
    node = node[key] as Body;
  }
  node[path.at(-1) as string] = value;
  return body;
}

/** Not an object at all. */
const wrongTopLevel = fc.oneof(
  fc.constantFrom<unknown>(null, 0, "a", true, [], [{}]),
  strangeString(100_000),
);

/**
 * JSON bodies the schema rejects, each for a reason of its own: a required field missing, a field
 * of the wrong type (huge and unicode strings among the others), or not an object.
 */
export function invalidBody(schema: Schema): fc.Arbitrary<unknown> {
  const ways = [missingRequired(schema), wrongTypedField(schema)].filter(
    (a): a is fc.Arbitrary<Body> => a !== undefined,
  );
  return fc.oneof(...ways, wrongTopLevel);
}

/** Text that is not JSON. */
export const brokenJson = fc.oneof(
  fc.constantFrom(
    "",
    "{",
    '{"a":',
    "[1,2",
    "nul",
    "{'single': 1}",
    '{"a":1,}',
    "\u0000",
    '{"a":"\uD800"}',
    "{}{}",
    "NaN",
    '"unterminated',
  ),
  fc.string({ unit: "binary", minLength: 1, maxLength: 64 }).filter((s) => !isJson(s)),
  fc.constant(`${"[".repeat(100_000)}`),
);

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
