import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { apiTypes, apiTypesFiles } from "./api-types";

describe("the CLI's and the console's API types", () => {
  it.each(apiTypesFiles.map((file) => [fileURLToPath(file), file] as const))(
    "%s matches the API's OpenAPI document (run `npm run api:types` if not)",
    async (path, file) => {
      const committed = await readFile(file, "utf8").catch(() => "(missing)");
      expect(committed, `${path} is stale: run npm run api:types`).toBe(await apiTypes());
    },
  );
});
