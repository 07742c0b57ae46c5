import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { apiTypes, apiTypesFile } from "./api-types";

describe("the CLI's API types", () => {
  it("match the API's OpenAPI document (run `npm run api:types` if not)", async () => {
    const committed = await readFile(apiTypesFile, "utf8").catch(() => "(missing)");
    expect(committed, "packages/cli/src/api-types.ts is stale: run npm run api:types").toBe(
      await apiTypes(),
    );
  });
});
