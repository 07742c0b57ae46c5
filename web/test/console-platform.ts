import { datasets } from "@gyre/functions/datasets/service";
import { deployment } from "@gyre/functions/deployment/service";
import { events } from "@gyre/functions/events/service";
import { monitoring } from "@gyre/functions/monitoring/service";
import { platform as platformService } from "@gyre/functions/platform/service";
import { registry } from "@gyre/functions/registry/service";
import { withConsole } from "@gyre/local/http/console";
import { type HttpServer, listen } from "@gyre/local/http/serve";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { buildConsole, distDir } from "../scripts/console-bundle";

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
type Json = any;
type Role = keyof TestPlatform["as"];

export interface ConsolePlatform {
  t: TestPlatform;
  url: string;
  token(role: Role): string;
  call(
    method: string,
    path: string,
    role: Role,
    body?: unknown,
  ): Promise<{ status: number; body: Json }>;
  close(): Promise<void>;
}

/** The console's bundle (built if missing or stale) served in front of a test platform's API on a port. */
export async function startConsolePlatform(): Promise<ConsolePlatform> {
  await buildConsole();
  const t = await startTestPlatform({
    s3: true,
    services: [platformService, events, datasets, registry, deployment, monitoring],
    endpoints: { pingTimeoutMs: 3_000 },
  });
  let server: HttpServer;
  try {
    server = await listen(withConsole(t.app.fetch, distDir), "127.0.0.1", 0);
  } catch (error) {
    await t.close();
    throw error;
  }
  return {
    t,
    url: `http://127.0.0.1:${server.port}`,
    token: (role) => t.as[role].authorization.replace(/^Bearer /, ""),
    async call(method, path, role, body) {
      const res = await t.app.request(path, {
        method,
        headers: { ...t.as[role], "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    async close() {
      await server.close();
      await t.close();
    },
  };
}

export const serve = {
  image: "node:22-slim",
  local: { command: ["node", "functions/deployment/fixtures/server.mjs"] },
};
