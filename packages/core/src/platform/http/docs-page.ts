import { blockMarkdown, escapeHtml, inlineMarkdown } from "./docs-markdown";
import { fieldsTable, type JsonSchema, type Schemas, typeHtml } from "./docs-schema";

interface Operation {
  summary?: string;
  description?: string;
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: JsonSchema;
  }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema?: JsonSchema }> }
  >;
}

interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Schemas };
}

/** A self-contained API reference page (no scripts, no CDN), rendered from the OpenAPI document. */
export function renderDocsPage(doc: OpenApiDocument): string {
  const schemas = doc.components?.schemas ?? {};
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => renderOperation(method, path, op, schemas)),
  );
  const named = Object.entries(schemas).map(
    ([name, schema]) =>
      `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3>${schema.description ? blockMarkdown(schema.description) : ""}${fieldsTable(schema, schemas)}</section>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.info.title)} reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h2{margin-top:2.5rem;font-family:ui-monospace,monospace;font-size:1.05rem}
h3{font-family:ui-monospace,monospace;font-size:1rem;margin-top:1.5rem}
.method{display:inline-block;min-width:4.5em;font-weight:700}
code{background:#f3f4f6;padding:0 .2em}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
</style></head><body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
${blockMarkdown(doc.info.description ?? "")}
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).
Send <code>Authorization: Bearer &lt;token&gt;</code>; errors are <code>{"error":{"code","message"}}</code>.</p>
${operations.join("\n")}
<h2>Schemas</h2>
${named.join("\n")}
</body></html>`;
}

function renderOperation(method: string, path: string, op: Operation, schemas: Schemas): string {
  const parameters = (op.parameters ?? [])
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.in}</td><td>${p.schema ? typeHtml(p.schema, schemas) : ""}</td><td>${p.required ? "yes" : ""}</td><td>${inlineMarkdown(p.description ?? "")}</td></tr>`,
    )
    .join("");
  const body = op.requestBody?.content?.["application/json"]?.schema;
  const responses = Object.entries(op.responses ?? {})
    .map(([status, r]) => {
      const schema = r.content?.["application/json"]?.schema;
      const type = schema ? ` ${typeHtml(schema, schemas)}` : "";
      return `<tr><td>${status}</td><td>${inlineMarkdown(r.description ?? "")}</td><td>${type}</td></tr>`;
    })
    .join("");
  return `<section id="${escapeHtml(`${method}-${path}`)}">
<h2><span class="method">${method.toUpperCase()}</span> ${escapeHtml(path)}</h2>
<p>${inlineMarkdown(op.summary ?? "")}</p>${blockMarkdown(op.description ?? "")}
${parameters ? `<table><tr><th>parameter</th><th>in</th><th>type</th><th>required</th><th></th></tr>${parameters}</table>` : ""}
${body ? `<p>Request body${body.$ref ? ` (${typeHtml(body, schemas)})` : ""}:</p>${fieldsTable(body, schemas)}` : ""}
<table><tr><th>status</th><th>meaning</th><th>body</th></tr>${responses}</table>
</section>`;
}
