import { describe, expect, it } from "vitest";
import { blockMarkdown, inlineMarkdown } from "./docs-markdown";
import { fieldsTable, typeHtml } from "./docs-schema";

describe("the reference page's Markdown and schemas", () => {
  it("renders code, emphasis, links and lists, and shows raw HTML as text", () => {
    expect(inlineMarkdown("Needs the `admin` role")).toBe("Needs the <code>admin</code> role");
    expect(blockMarkdown("- **viewer**: `GET /runs`")).toBe(
      "<ul>\n<li><strong>viewer</strong>: <code>GET /runs</code></li>\n</ul>\n",
    );
    expect(inlineMarkdown("see [docs](https://example.com)")).toContain(
      '<a href="https://example.com">docs</a>',
    );
    expect(inlineMarkdown("a <b>bold</b> claim")).toBe("a &#60;b&#62;bold&#60;/b&#62; claim");
  });

  it("lists nested fields, resolving named schemas once (no endless recursion)", () => {
    const schemas = {
      Node: {
        type: "object",
        properties: {
          name: { type: "string", description: "its `name`" },
          children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
        },
        required: ["name"],
      },
    };
    const html = fieldsTable({ $ref: "#/components/schemas/Node" }, schemas);
    expect(html).toContain(
      "<td><code>name</code></td><td>string</td><td>yes</td><td>its <code>name</code></td>",
    );
    expect(html).toContain(
      '<td><code>children</code></td><td>array of <a href="#schema-Node">Node</a></td>',
    );
    expect(typeHtml({ type: ["string", "null"] }, schemas)).toBe("string | null");
    expect(typeHtml({ enum: ["cpu", "gpu-spot"] }, schemas)).toBe(
      "&#34;cpu&#34; | &#34;gpu-spot&#34;",
    );
  });
});
