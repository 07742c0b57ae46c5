import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { eventDocFiles } from "./doc-files";

const eventsDir = join(dirname(fileURLToPath(import.meta.url)), "../../events");

await rm(join(eventsDir, "schemas"), { recursive: true, force: true });
const files = eventDocFiles();
for (const [path, content] of files) {
  await mkdir(dirname(join(eventsDir, path)), { recursive: true });
  await writeFile(join(eventsDir, path), content);
}
console.log(`events: wrote README.md and ${files.size - 1} JSON Schema files`);
