import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { cliExports } from "./cli-env";
import { ConfigError, localConfig } from "./config";
import { AlreadyRunningError, lockHome } from "./lock";
import { repoRoot } from "./paths";
import { consoleDist, PortInUseError, startPlatform } from "./platform";

const consoleBuilt = (root: string) => existsSync(join(consoleDist(root), "index.html"));

async function main(): Promise<void> {
  const config = localConfig();
  await mkdir(config.home, { recursive: true });
  const unlock = await lockHome(config.home);
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  try {
    platform = await startPlatform(config, repoRoot);
  } catch (error) {
    await unlock();
    throw error;
  }
  const api = `http://${config.host}:${platform.api.port}`;
  console.log(`Gyre (local) with state in ${config.home}`);
  console.log(
    `  Console    ${api}/${consoleBuilt(repoRoot) ? "" : "  (not built: npm run build -w web)"}`,
  );
  console.log(`  API        ${api}  (reference: ${api}/docs, OpenAPI: ${api}/openapi.json)`);
  console.log(`  S3         ${platform.s3.endpoint}  bucket ${config.bucket}`);
  console.log(`  DynamoDB   ${platform.dynamo.endpoint}  (embedded dynalite)`);
  if (platform.seededExample) {
    console.log(
      "  Example    pipeline churn: a push to dataset churn trains model churn (GYRE_SEED_EXAMPLES=0 turns this off)",
    );
  }
  const exports = cliExports(config, platform.api.port);
  if (exports)
    console.log(`  CLI        in the shell you run npx gyre from, first:\n    ${exports}`);
  console.log(`Gyre is ready. Create a token with: npx gyre token create --role admin`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping Gyre...`);
    await platform.stop();
    await unlock();
    console.log("Gyre stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  const known =
    error instanceof AlreadyRunningError ||
    error instanceof PortInUseError ||
    error instanceof ConfigError;
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
