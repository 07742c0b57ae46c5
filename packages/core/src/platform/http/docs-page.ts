interface Operation {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}

interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

/** A self-contained API reference page (no scripts, no CDN), rendered from the OpenAPI document. */
export function renderDocsPage(doc: OpenApiDocument): string {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => renderOperation(method, path, op)),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.info.title)} reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h2{margin-top:2.5rem;font-family:ui-monospace,monospace;font-size:1.05rem}
.method{display:inline-block;min-width:4.5em;font-weight:700}
pre{background:#f3f4f6;padding:.75rem;overflow:auto;font-size:13px}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left}
</style></head><body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description ?? "")}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).
Send <code>Authorization: Bearer &lt;token&gt;</code>; errors are <code>{"error":{"code","message"}}</code>.</p>
${operations.join("\n")}
<h2>Schemas</h2>
<pre>${escapeHtml(JSON.stringify(doc.components?.schemas ?? {}, null, 2))}</pre>
</body></html>`;
}

function renderOperation(method: string, path: string, op: Operation): string {
  const parameters = (op.parameters ?? [])
    .map(
      (p) =>
        `<tr><td>${escapeHtml(p.name)}</td><td>${p.in}</td><td>${p.required ? "yes" : ""}</td><td>${escapeHtml(p.description ?? "")}</td></tr>`,
    )
    .join("");
  const body = op.requestBody?.content?.["application/json"]?.schema;
  const responses = Object.entries(op.responses ?? {})
    .map(([status, r]) => `<tr><td>${status}</td><td>${escapeHtml(r.description ?? "")}</td></tr>`)
    .join("");
  return `<section id="${escapeHtml(`${method}-${path}`)}">
<h2><span class="method">${method.toUpperCase()}</span> ${escapeHtml(path)}</h2>
<p>${escapeHtml(op.summary ?? "")}</p><p>${escapeHtml(op.description ?? "")}</p>
${parameters ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th></th></tr>${parameters}</table>` : ""}
${body ? `<p>Request body:</p><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre>` : ""}
<table><tr><th>status</th><th>meaning</th></tr>${responses}</table>
</section>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
