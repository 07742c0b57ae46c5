import type { Command } from "commander";
import { type ApiClient, apiClient, ok, type Schemas, typed } from "../../client";
import { table } from "../../table";
import { registerModelCompare } from "./compare";
import { registerModelPolicy } from "./policy";

type Version = Schemas["ModelVersion"];
type Entry = Schemas["ModelHistoryEntry"];

/** `gyre models ...`: the registry's versions, approvals, aliases and audit trail. */
export function registerModelCommands(program: Command, client: () => ApiClient = apiClient): void {
  const models = program.command("models").description("Registered models and their versions.");
  models
    .command("ls")
    .description("List models.")
    .action(async () => {
      const page = await ok(typed(client()).GET("/models", { params: { query: { limit: 100 } } }));
      console.log(
        table(
          ["model", "latest", "updated"],
          page.items.map((m) => [m.name, m.latestVersion, m.updatedAt]),
        ),
      );
    });
  models
    .command("versions <model>")
    .description("List a model's versions, newest first.")
    .option("--status <status>", "PendingManualApproval, Approved or Rejected")
    .option("--limit <n>", "how many", "20")
    .action(async (model: string, options: { status?: string; limit: string }) => {
      const query = {
        limit: Number(options.limit),
        // The API checks the status and answers an unknown one with a 400.
        status: (options.status || undefined) as Version["status"] | undefined,
      };
      const page = await ok(
        typed(client()).GET("/models/{name}/versions", {
          params: { path: { name: model }, query },
        }),
      );
      console.log(versionsTable(page.items));
    });
  models
    .command("show <model> <version>")
    .description("Show a version as JSON: lineage, metrics, gates, approvals.")
    .action(async (model: string, version: string) => {
      const found = await ok(
        typed(client()).GET("/models/{name}/versions/{version}", {
          params: { path: { name: model, version: Number(version) } },
        }),
      );
      console.log(JSON.stringify(found, null, 2));
    });
  models
    .command("approve <model> <version>")
    .description("Approve a version (needs an approver token).")
    .option("-m, --message <comment>", "why")
    .action(async (model: string, version: string, options: { message?: string }) => {
      const body = options.message ? { comment: options.message } : {};
      const v = await ok(
        typed(client()).POST("/models/{name}/versions/{version}/approve", {
          params: { path: { name: model, version: Number(version) } },
          body,
        }),
      );
      console.log(`${v.model} v${v.version} ${v.status} (approved by ${v.approvals.join(", ")})`);
    });
  models
    .command("reject <model> <version>")
    .description("Reject a version awaiting approval (needs an approver token).")
    .requiredOption("-m, --message <comment>", "why (required)")
    .action(async (model: string, version: string, options: { message: string }) => {
      const v = await ok(
        typed(client()).POST("/models/{name}/versions/{version}/reject", {
          params: { path: { name: model, version: Number(version) } },
          body: { comment: options.message },
        }),
      );
      console.log(`${v.model} v${v.version} ${v.status}: ${v.reason}`);
    });
  models
    .command("alias <model> <alias> <version>")
    .description("Point an alias (champion, challenger, ...) at a version.")
    .action(async (model: string, alias: string, version: string) => {
      const a = await ok(
        typed(client()).PUT("/models/{name}/aliases/{alias}", {
          params: { path: { name: model, alias } },
          body: { version: Number(version) },
        }),
      );
      console.log(`${model}@${a.alias} → v${a.version}`);
    });
  models
    .command("history <model> [version]")
    .description("The audit trail of a model, or of one version, newest first.")
    .option("--limit <n>", "how many", "50")
    .action(async (model: string, version: string | undefined, options: { limit: string }) => {
      const api = typed(client());
      const query = { limit: Number(options.limit) };
      const page = await ok(
        version
          ? api.GET("/models/{name}/versions/{version}/history", {
              params: { path: { name: model, version: Number(version) }, query },
            })
          : api.GET("/models/{name}/history", { params: { path: { name: model }, query } }),
      );
      console.log(historyTable(page.items));
    });
  registerModelCompare(models, client);
  registerModelPolicy(models, client);
}

export function versionsTable(versions: Version[]): string {
  return table(
    ["version", "status", "metrics", "dataset", "run", "approvals", "created"],
    versions.map((v) => [
      v.version,
      v.status,
      Object.entries(v.metrics)
        .slice(0, 4)
        .map(([k, n]) => `${k}=${Number(n.toPrecision(4))}`)
        .join(" "),
      v.dataset ? `${v.dataset.name} v${v.dataset.version}` : "-",
      v.runId ?? "-",
      v.approvals.join(",") || "-",
      v.createdAt,
    ]),
  );
}

export function historyTable(entries: Entry[]): string {
  return table(
    ["at", "actor", "action", "version", "from", "to", "comment"],
    entries.map((e) => [
      e.at,
      e.actor,
      e.action === "alias" ? `alias ${e.alias}` : e.action.replace("_", " "),
      e.version ?? "-",
      e.from ?? "-",
      e.to ?? "-",
      e.comment ?? "",
    ]),
  );
}
