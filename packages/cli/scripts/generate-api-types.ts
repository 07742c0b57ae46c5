import { writeFile } from "node:fs/promises";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { apiTypes, apiTypesFiles } from "./api-types";

const types = await apiTypes();
for (const file of apiTypesFiles) {
  await writeFile(file, types);
  console.log(`api: wrote ${relative(process.cwd(), fileURLToPath(file))}`);
}
