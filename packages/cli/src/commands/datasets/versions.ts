import { type Api, CliError, ok, type Schemas } from "../../client";
import { table } from "../../table";

export type Version = Omit<Schemas["DatasetVersionWithProfile"], "profile">;

/** Polls the dataset's newest versions until one has the pushed content's sha256. */
export async function waitForVersion(
  api: Api,
  dataset: string,
  sha256: string,
  timeoutMs: number,
): Promise<Version> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = await ok(
      api.GET("/datasets/{name}/versions", {
        params: { path: { name: dataset }, query: { limit: 50 } },
      }),
    ).catch((error: Error) => {
      if (/dataset\.not_found/.test(error.message)) return { items: [] };
      throw error;
    });
    const found = page.items.find((v) => v.sha256 === sha256);
    if (found) return found;
    if (Date.now() > deadline) {
      throw new CliError(
        `No version of ${dataset} with sha256 ${sha256} after ${timeoutMs / 1000}s. Is Gyre processing events (gyre events tail)?`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function printVersion(version: Version, json = false): void {
  if (json) {
    console.log(JSON.stringify(version, null, 2));
    return;
  }
  if (version.status === "rejected") {
    console.log(`${version.dataset} version ${version.version} rejected: ${version.reason}`);
    return;
  }
  console.log(
    `${version.dataset} version ${version.version} (${version.status}): ${version.rows} rows, ${version.columns.length} columns, ${version.format}, ${version.bytes} bytes`,
  );
  console.log(`sha256 ${version.sha256}`);
  console.log(`uri    ${version.uri}`);
  console.log(
    table(
      ["column", "type"],
      version.columns.map((c) => [c.name, c.type]),
    ),
  );
}

/** A rejected version's reason in the last column, where a table can grow without wrapping. */
export function versionsTable(versions: Version[]): string {
  const reasons = versions.some((v) => v.reason);
  return table(
    [
      "version",
      "status",
      "rows",
      "cols",
      "format",
      "bytes",
      "sha256",
      "created",
      ...(reasons ? ["reason"] : []),
    ],
    versions.map((v) => [
      v.version,
      v.status,
      v.rows ?? "-",
      v.columns.length,
      v.format ?? "-",
      v.bytes,
      v.sha256.slice(0, 12),
      v.createdAt,
      ...(reasons ? [v.reason ?? ""] : []),
    ]),
  );
}

export { CliError };
