import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platform as platformService } from "./service";

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ services: [platformService] });
});
afterAll(() => t.close());

describe("GET /whoami", () => {
  it("answers the token's name and role", async () => {
    for (const role of ["viewer", "approver", "admin"] as const) {
      const res = await t.app.request("/whoami", { headers: t.as[role] });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ name: role, role });
    }
  });

  it("answers 401 auth.missing_token without one", async () => {
    const res = await t.app.request("/whoami");
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      "auth.missing_token",
    );
  });
});
