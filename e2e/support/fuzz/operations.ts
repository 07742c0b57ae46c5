import { type Role, roles } from "@gyre/core/platform/auth/index";

/** A JSON Schema as the OpenAPI document gives it (zod-openapi's output, `$ref`s resolved). */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  additionalProperties?: boolean | Schema;
}

export interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  schema: Schema;
}

/** One route of the document: what the fuzzer and the role matrix need to call it. */
export interface Operation {
  method: string;
  /** The template, `/models/{name}/versions/{version}`. */
  path: string;
  /** The role its description names (`Needs the \`pipeline\` role.`); undefined for open routes. */
  role: Role | undefined;
  parameters: Parameter[];
  /** The JSON body's schema, if the route takes a JSON body. */
  body: Schema | undefined;
  /** The route takes a body of its own type (an endpoint's invocations). */
  rawBody: boolean;
}

export interface Document {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface RawOperation {
  description?: string;
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

/** Every operation in the document, with its documented role and its schemas resolved. */
export function operationsOf(document: Document): Operation[] {
  const resolve = resolver(document.components?.schemas ?? {});
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const content = op.requestBody?.content ?? {};
      const json = content["application/json"]?.schema;
      return {
        method: method.toUpperCase(),
        path,
        role: documentedRole(op),
        parameters: (op.parameters ?? []).map((p) => ({ ...p, schema: resolve(p.schema) })),
        body: json ? resolve(json) : undefined,
        rawBody: !json && Object.keys(content).length > 0,
      };
    }),
  );
}

function documentedRole(op: RawOperation): Role | undefined {
  if (!op.security?.length) return undefined;
  const role = /Needs the `(\w+)` role/.exec(op.description ?? "")?.[1];
  if (!roles.includes(role as Role))
    throw new Error(`an authenticated route names no role: ${role}`);
  return role as Role;
}

function resolver(components: Record<string, Schema>) {
  const resolve = (schema: Schema, depth = 0): Schema => {
    if (depth > 20) return {};
    if (schema.$ref) {
      const name = schema.$ref.replace("#/components/schemas/", "");
      return resolve(components[name] ?? {}, depth + 1);
    }
    const next = (s: Schema) => resolve(s, depth + 1);
    return {
      ...schema,
      ...(schema.properties && {
        properties: Object.fromEntries(
          Object.entries(schema.properties).map(([k, v]) => [k, next(v)]),
        ),
      }),
      ...(schema.items && { items: next(schema.items) }),
      ...(schema.anyOf && { anyOf: schema.anyOf.map(next) }),
      ...(schema.oneOf && { oneOf: schema.oneOf.map(next) }),
      ...(schema.allOf && { allOf: schema.allOf.map(next) }),
    };
  };
  return resolve;
}

/** The types a schema admits (JSON Schema names; "integer" implies "number" is not admitted). */
export function typesOf(schema: Schema): Set<string> | "any" {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const all = new Set<string>();
    for (const alternative of alternatives) {
      const types = typesOf(alternative);
      if (types === "any") return "any";
      for (const t of types) all.add(t);
    }
    return all;
  }
  if (schema.allOf?.length) return typesOf(schema.allOf[0] as Schema);
  if (schema.enum) return new Set(schema.enum.map((v) => (v === null ? "null" : typeof v)));
  if (schema.type === undefined) return schema.properties ? new Set(["object"]) : "any";
  return new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);
}
