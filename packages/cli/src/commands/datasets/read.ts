import type { Command } from "commander";
import { type ApiClient, apiClient } from "../../client";
import { table } from "../../table";
import { printVersion, type Version, versionsTable } from "./versions";

interface DatasetSummary {
  name: string;
  versions: number;
  latest: Version | null;
}

export function registerDatasetCommands(
  program: Command,
  client: () => ApiClient = apiClient,
): void {
  const datasets = program.command("datasets").description("Read dataset versions.");
  datasets
    .command("ls")
    .description("List datasets with their latest version.")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const page = await client().request<{ items: DatasetSummary[] }>(
        "GET",
        "/datasets?limit=100",
      );
      if (options.json) return console.log(JSON.stringify(page.items, null, 2));
      const rows = page.items.map((d) => [
        d.name,
        d.versions,
        d.latest?.status ?? "-",
        d.latest?.rows ?? "-",
        d.latest?.createdAt ?? "-",
      ]);
      console.log(table(["dataset", "latest", "status", "rows", "created"], rows));
    });
  datasets
    .command("versions <name>")
    .description("List a dataset's versions, newest first.")
    .option("--limit <n>", "how many", "20")
    .option("--json", "print JSON")
    .action(async (name: string, options: { limit: string; json?: boolean }) => {
      const path = `/datasets/${encodeURIComponent(name)}/versions?limit=${encodeURIComponent(options.limit)}`;
      const page = await client().request<{ items: Version[] }>("GET", path);
      console.log(options.json ? JSON.stringify(page.items, null, 2) : versionsTable(page.items));
    });
  datasets
    .command("show <name> <version>")
    .description("Show one version with its profile.")
    .option("--json", "print the whole version and profile as JSON")
    .action(async (name: string, version: string, options: { json?: boolean }) => {
      const path = `/datasets/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`;
      const found = await client().request<Version & { profile: unknown }>("GET", path);
      if (options.json) return console.log(JSON.stringify(found, null, 2));
      printVersion(found);
    });
}
