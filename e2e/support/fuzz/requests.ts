import fc from "fast-check";
import { brokenJson, invalidBody } from "./bodies";
import type { Operation, Parameter } from "./operations";
import { encodeLoosely, strangeInteger, strangeUrlValue } from "./values";

export interface FuzzRequest {
  /** Which kind of malformation, for the figures and for a failure's message. */
  kind: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** What a path parameter holds when it is not the one broken: something the seeded platform has. */
export type GoodValue = (op: Operation, parameter: string) => string;

export interface Fuzzer {
  /** The bearer header every fuzzed request carries (admin: past auth, into validation). */
  auth: Record<string, string>;
  good: GoodValue;
  /** The body limit of ordinary routes. */
  maxBodyBytes: number;
}

const pathParams = (op: Operation) => op.parameters.filter((p) => p.in === "path");
const queryParams = (op: Operation) => op.parameters.filter((p) => p.in === "query");
const isInteger = (p: Parameter) => p.schema.type === "integer" || p.schema.type === "number";

function pathWith(op: Operation, good: GoodValue, broken?: { name: string; value: string }) {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === broken?.name ? broken.value : encodeLoosely(good(op, name)),
  );
}

const jsonHeaders = (f: Fuzzer) => ({ ...f.auth, "content-type": "application/json" });

/** The malformed requests for one operation, each kind in the proportion given. */
export function requestsFor(op: Operation, f: Fuzzer): fc.Arbitrary<FuzzRequest>[] {
  const writes = op.method !== "GET";
  const body = () => (op.body ? invalidBody(op.body).map((b) => JSON.stringify(b)) : undefined);
  const base = (kind: string, url: string, text?: string): FuzzRequest => ({
    kind,
    method: op.method,
    url,
    headers: jsonHeaders(f),
    ...(writes && text !== undefined && { body: text }),
  });
  const arbitraries: fc.Arbitrary<FuzzRequest>[] = [];
  for (const p of pathParams(op)) {
    const value = isInteger(p) ? fc.oneof(strangeInteger, strangeUrlValue) : strangeUrlValue;
    arbitraries.push(
      fc
        .tuple(value, body() ?? fc.constant(undefined))
        .map(([v, b]) =>
          base(`path.${p.name}`, pathWith(op, f.good, { name: p.name, value: v }), b),
        ),
    );
  }
  // A bodyless write with every path parameter good is a valid request: never sent.
  const queries = writes && !op.body ? [] : queryParams(op);
  for (const p of queries) {
    const value = isInteger(p) ? fc.oneof(strangeInteger, strangeUrlValue) : strangeUrlValue;
    arbitraries.push(
      fc
        .tuple(value, fc.boolean(), body() ?? fc.constant(undefined))
        .map(([v, twice, b]) =>
          base(
            `query.${p.name}`,
            `${pathWith(op, f.good)}?${p.name}=${v}${twice ? `&${p.name}=${v}` : ""}`,
            b,
          ),
        ),
    );
  }
  if (!writes || op.body) {
    arbitraries.push(
      fc
        .tuple(
          fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 8 }),
          strangeUrlValue,
          body() ?? fc.constant(undefined),
        )
        .map(([k, v, b]) =>
          base("query.unknown", `${pathWith(op, f.good)}?${encodeLoosely(k)}=${v}`, b),
        ),
    );
  }
  if (op.role) {
    // What an HTTP client can send in a header, but not a valid trip id.
    const correlation = fc.oneof(
      fc.constantFrom("", "a b", "x".repeat(129), "\u00e9t\u00e9"),
      fc
        .string({ unit: "binary-ascii", maxLength: 200 })
        .filter((id) => /^[\t\x20-\x7e]*$/.test(id) && id.trim() === id)
        .filter((id) => !/^[\x21-\x7e]{1,128}$/.test(id)),
    );
    arbitraries.push(
      fc.tuple(correlation, body() ?? fc.constant(undefined)).map(([id, b]) => ({
        ...base("header.correlation_id", pathWith(op, f.good), b),
        headers: { ...jsonHeaders(f), "x-correlation-id": id },
      })),
    );
  }
  if (op.body) arbitraries.push(...bodyRequests(op, f));
  else if (writes) arbitraries.push(...bodylessWrites(op, f));
  return arbitraries;
}

function bodyRequests(op: Operation, f: Fuzzer): fc.Arbitrary<FuzzRequest>[] {
  const url = pathWith(op, f.good);
  const schema = op.body as NonNullable<Operation["body"]>;
  const json = (kind: string, text: string, headers: Record<string, string> = jsonHeaders(f)) => ({
    kind,
    method: op.method,
    url,
    headers,
    body: text,
  });
  const notJson = fc.constantFrom(
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/xml",
    "",
  );
  // JSON under any other name: even a body the schema accepts (`{}`) must be refused.
  const wrongType = fc.oneof(
    fc.tuple(notJson, fc.oneof(invalidBody(schema), fc.constant({}))),
    fc.tuple(fc.constant("application/json; charset=utf-16"), invalidBody(schema)),
  );
  return [
    invalidBody(schema).map((b) => json("body.invalid", JSON.stringify(b))),
    invalidBody(schema).map((b) => json("body.invalid", JSON.stringify(b))),
    brokenJson.map((text) => json("body.bad_json", text)),
    wrongType.map(([type, b]) =>
      json(`body.content_type`, JSON.stringify(b), {
        ...f.auth,
        ...(type && { "content-type": type }),
      }),
    ),
  ];
}

/** One body over the limit (sent once per route: megabytes each). */
export function oversizeFor(op: Operation, f: Fuzzer): FuzzRequest | undefined {
  if (!op.body) return undefined;
  return {
    kind: "body.oversize",
    method: op.method,
    url: pathWith(op, f.good),
    headers: jsonHeaders(f),
    body: JSON.stringify({ pad: "x".repeat(f.maxBodyBytes) }),
  };
}

/** Routes that take no body: one sent anyway, of any type, must still be refused for its path. */
function bodylessWrites(op: Operation, f: Fuzzer): fc.Arbitrary<FuzzRequest>[] {
  if (pathParams(op).length === 0) return [];
  return [
    fc.tuple(strangeUrlValue, brokenJson).map(([value, text]) => ({
      kind: "path.with_body",
      method: op.method,
      url: pathWith(op, f.good, { name: pathParams(op)[0]?.name ?? "", value }),
      headers: { ...f.auth, "content-type": "text/csv" },
      body: text,
    })),
  ];
}
