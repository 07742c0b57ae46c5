import { beforeAll, describe, expect, it } from "vitest";
import { preparePlatform, type Registered, resolved, synthesize } from "./pulumi-mocks";
import type { StaticSiteSpec } from "./web";

const INSTALL_MS = 5 * 60_000;

let resources: Registered[];
let site: StaticSiteSpec | undefined;
let apiUrl: string | undefined;

beforeAll(async () => {
  await preparePlatform();
  ({ resources } = await synthesize({
    staticSiteFactory: (spec) => {
      site = spec;
      return { url: $util.output("https://console.example") };
    },
  }));
  apiUrl = site && (await resolved(site.environment.VITE_GYRE_API_URL));
}, INSTALL_MS);

describe("the console on AWS", () => {
  it("is a static site built from web/ that calls the HTTP API", () => {
    expect(site).toMatchObject({
      name: "GyreConsole",
      path: "web",
      build: { command: "npm run build -- --force", output: "dist" },
    });
    expect(apiUrl).toBe("https://GyreApi.example");
  });

  it("lets the HTTP API answer a browser on the site's origin (CORS with the bearer header)", () => {
    const api = resources.find((r) => r.type === "aws:apigatewayv2/api:Api");
    expect(api?.inputs.corsConfiguration).toMatchObject({
      allowOrigins: ["*"],
      allowHeaders: expect.arrayContaining(["authorization", "content-type"]),
    });
  });
});
