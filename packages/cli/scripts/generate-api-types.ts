import { writeFile } from "node:fs/promises";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { apiTypes, apiTypesFile } from "./api-types";

await writeFile(apiTypesFile, await apiTypes());
console.log(`api: wrote ${relative(process.cwd(), fileURLToPath(apiTypesFile))}`);
