import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { eventDocFiles } from "./doc-files";

const eventsDir = join(dirname(fileURLToPath(import.meta.url)), "../../events");

async function committedSchemas(): Promise<string[]> {
  const entries = await readdir(join(eventsDir, "schemas"), {
    recursive: true,
    withFileTypes: true,
  });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(eventsDir, join(e.parentPath, e.name)))
    .sort();
}

describe("events docs", () => {
  const files = eventDocFiles();

  it("README.md and every JSON Schema match the zod schemas (run `npm run events:docs` if not)", async () => {
    for (const [path, content] of files) {
      const committed = await readFile(join(eventsDir, path), "utf8").catch(() => "(missing)");
      expect(committed, `events/${path} is stale: run npm run events:docs`).toBe(content);
    }
  });

  it("no JSON Schema is left over from an event that no longer exists", async () => {
    const generated = [...files.keys()].filter((p) => p.startsWith("schemas/")).sort();
    expect(await committedSchemas()).toEqual(generated);
  });
});
