import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

describe("gyre demo", () => {
  it("says to run npm start when no Gyre answers, exit 1", async () => {
    const down = await runCli(["demo", "--fast"], {
      env: { GYRE_API_URL: "http://127.0.0.1:9", GYRE_TOKEN: "" },
    });
    expect(down.code).toBe(1);
    expect(down.stdout).toBe("");
    expect(down.stderr).toMatch(/^error: Cannot reach Gyre at http:\/\/127\.0\.0\.1:9 .*npm start/);
  });
});
