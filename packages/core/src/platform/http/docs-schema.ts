import { escapeHtml, inlineMarkdown } from "./docs-markdown";

/** The part of JSON Schema (as OpenAPI 3.1 writes it) the reference page shows. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
  default?: unknown;
  example?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

export type Schemas = Record<string, JsonSchema>;

interface Row {
  path: string;
  type: string;
  required: boolean;
  about: string;
}

const MAX_DEPTH = 4;

/** A table of a schema's fields, nested ones as `job.resources.vcpus` and `gates[].metric`. */
export function fieldsTable(schema: JsonSchema, schemas: Schemas): string {
  const rows = fieldRows(schema, schemas, "", new Set(), 0);
  if (rows.length === 0) return `<p>${typeHtml(schema, schemas)}</p>`;
  const body = rows
    .map(
      (r) =>
        `<tr><td><code>${escapeHtml(r.path)}</code></td><td>${r.type}</td><td>${r.required ? "yes" : ""}</td><td>${r.about}</td></tr>`,
    )
    .join("");
  return `<table><tr><th>field</th><th>type</th><th>required</th><th></th></tr>${body}</table>`;
}

function fieldRows(
  schema: JsonSchema,
  schemas: Schemas,
  prefix: string,
  seen: Set<string>,
  depth: number,
): Row[] {
  const { resolved, name } = resolve(schema, schemas);
  if (!resolved || depth > MAX_DEPTH || (name && seen.has(name))) return [];
  const inside = name ? new Set([...seen, name]) : seen;
  const object = objectPart(resolved, schemas);
  if (object?.properties) {
    return Object.entries(object.properties).flatMap(([key, field]) => {
      const path = `${prefix}${key}`;
      const row = {
        path,
        type: typeHtml(field, schemas),
        required: object.required?.includes(key) ?? false,
        about: aboutHtml(field, schemas),
      };
      return [row, ...fieldRows(field, schemas, `${path}.`, inside, depth + 1)];
    });
  }
  const items = arrayItems(resolved, schemas);
  if (items && prefix)
    return fieldRows(items, schemas, `${prefix.slice(0, -1)}[].`, inside, depth + 1);
  return [];
}

/** The type in a few words: `string`, `"cpu" | "gpu-spot"`, `array of string`, a link to a named schema. */
export function typeHtml(schema: JsonSchema, schemas: Schemas): string {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return `<a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a>`;
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map((v) => typeHtml(v, schemas)).join(" | ");
  if (schema.allOf?.length === 1) return typeHtml(schema.allOf[0] as JsonSchema, schemas);
  if (schema.enum) return escapeHtml(schema.enum.map((v) => JSON.stringify(v)).join(" | "));
  if (schema.const !== undefined) return escapeHtml(JSON.stringify(schema.const));
  const types = [schema.type ?? (schema.properties ? "object" : "any")].flat();
  return types
    .map((type) => {
      if (type === "array" && schema.items) return `array of ${typeHtml(schema.items, schemas)}`;
      if (
        type === "object" &&
        !schema.properties &&
        typeof schema.additionalProperties === "object"
      ) {
        const values = schema.additionalProperties;
        return Object.keys(values).length ? `map of ${typeHtml(values, schemas)}` : "object";
      }
      return escapeHtml(schema.format ? `${type} (${schema.format})` : type);
    })
    .join(" | ");
}

function aboutHtml(schema: JsonSchema, schemas: Schemas): string {
  const description = schema.description ?? resolve(schema, schemas).resolved?.description;
  const parts = [description ? inlineMarkdown(description) : ""];
  if (schema.default !== undefined) {
    parts.push(`default <code>${escapeHtml(JSON.stringify(schema.default))}</code>`);
  }
  if (schema.example !== undefined) {
    parts.push(`e.g. <code>${escapeHtml(JSON.stringify(schema.example))}</code>`);
  }
  return parts.filter(Boolean).join("; ");
}

function resolve(schema: JsonSchema, schemas: Schemas) {
  if (!schema.$ref) return { resolved: schema, name: undefined };
  const name = refName(schema.$ref);
  return { resolved: schemas[name], name };
}

function objectPart(schema: JsonSchema, schemas: Schemas): JsonSchema | undefined {
  if (schema.properties) return schema;
  const variants = [...(schema.allOf ?? []), ...(schema.anyOf ?? [])];
  const objects = variants.map((v) => resolve(v, schemas).resolved).filter((v) => v?.properties);
  return objects.length === 1 ? objects[0] : undefined;
}

function arrayItems(schema: JsonSchema, schemas: Schemas): JsonSchema | undefined {
  if (schema.items) return schema.items;
  const variants = schema.anyOf ?? [];
  return variants.map((v) => resolve(v, schemas).resolved?.items).find(Boolean);
}

const refName = (ref: string) => ref.replace(/^#\/components\/schemas\//, "");
