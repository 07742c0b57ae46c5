import type { Command } from "commander";
import { type ApiClient, apiClient, ok, typed } from "../../client";
import { table } from "../../table";
import { registerDatasetCompare } from "./compare";
import { printVersion, versionsTable } from "./versions";

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
      const page = await ok(
        typed(client()).GET("/datasets", { params: { query: { limit: 100 } } }),
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
      const page = await ok(
        typed(client()).GET("/datasets/{name}/versions", {
          params: { path: { name }, query: { limit: Number(options.limit) } },
        }),
      );
      console.log(options.json ? JSON.stringify(page.items, null, 2) : versionsTable(page.items));
    });
  datasets
    .command("show <name> <version>")
    .description("Show one version with its profile.")
    .option("--json", "print the whole version and profile as JSON")
    .action(async (name: string, version: string, options: { json?: boolean }) => {
      const found = await ok(
        typed(client()).GET("/datasets/{name}/versions/{version}", {
          params: { path: { name, version: Number(version) } },
        }),
      );
      if (options.json) return console.log(JSON.stringify(found, null, 2));
      printVersion(found);
    });
  registerDatasetCompare(datasets, client);
}
