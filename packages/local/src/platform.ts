import { existsSync } from "node:fs";
import { join } from "node:path";
import { services } from "@gyre/functions/services";
import { objectEventsPattern, subscriptionsOf, watchedObjectKeys } from "@gyre/functions/wiring";
import type { LocalConfig } from "./config";
import { seedExamples } from "./examples";
import { withConsole } from "./http/console";
import { type HttpServer, listen } from "./http/serve";
import { type LocalPlatform, localPlatform } from "./local-platform";
import { mountServices, needsEndpoints, needsJobs } from "./mount";
import type { LocalS3 } from "./s3/server";
import type { LocalDynamo } from "./state/dynalite";

export interface RunningPlatform {
  api: HttpServer;
  s3: LocalS3;
  dynamo: LocalDynamo;
  platform: LocalPlatform;
  /** The example pipeline was registered on this (fresh) GYRE_HOME. */
  seededExample: boolean;
  stop(): Promise<void>;
}

/** Where `npm run build -w web` (run by `npm install` and `npm start`) writes the console. */
export const consoleDist = (repoRoot: string) => join(repoRoot, "web", "dist");

export class PortInUseError extends Error {}

/** Starts everything `npm start` runs: the local platform, every service on it, and the HTTP API. */
export async function startPlatform(
  config: LocalConfig,
  repoRoot: string,
): Promise<RunningPlatform> {
  const fresh = !existsSync(join(config.home, "dynamodb"));
  const platform = await localPlatform({
    home: config.home,
    account: config.account,
    region: config.region,
    s3: {
      host: config.host,
      port: config.s3Port,
      bucket: config.bucket,
      forward: objectEventsPattern(config.bucket, watchedObjectKeys(subscriptionsOf(services))),
    },
    batch: needsJobs(services) ? { cwd: repoRoot, log: (line) => console.log(line) } : undefined,
    endpoints: needsEndpoints(services) ? { cwd: repoRoot } : undefined,
    tickMs: config.tickSeconds * 1000,
    serverThreads: true,
    onPort,
  });
  try {
    const app = await mountServices(platform, services, repoRoot);
    const seededExample = fresh && process.env.GYRE_SEED_EXAMPLES !== "0";
    if (seededExample) await seedExamples(platform, repoRoot);
    const api = await onPort(config.port, "GYRE_PORT", () =>
      listen(withConsole(app.fetch, consoleDist(repoRoot)), config.host, config.port),
    );
    return {
      api,
      s3: platform.s3Server as LocalS3,
      dynamo: platform.dynamo,
      platform,
      seededExample,
      async stop() {
        await api.close();
        await platform.close();
      },
    };
  } catch (error) {
    await platform.close();
    throw error;
  }
}

async function onPort<T>(port: number, variable: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new PortInUseError(
        `Port ${port} is in use: stop what uses it, or set ${variable} to a free port.`,
      );
    }
    throw error;
  }
}
