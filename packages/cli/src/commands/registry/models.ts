import type { Command } from "commander";
import { type ApiClient, apiClient } from "../../client";
import { table } from "../../table";

interface Version {
  model: string;
  version: number;
  status: string;
  metrics: Record<string, number>;
  dataset: { name: string; version: number } | null;
  runId: string | null;
  approvals: string[];
  reason: string | null;
  createdAt: string;
}

interface Entry {
  at: string;
  actor: string;
  action: string;
  version: number | null;
  alias: string | null;
  from: string | number | null;
  to: string | number | null;
  comment: string | null;
}

const path = (model: string, ...rest: (string | number)[]) =>
  `/models/${[model, ...rest].map((p) => encodeURIComponent(String(p))).join("/")}`;

/** `gyre models ...`: the registry's versions, approvals, aliases and audit trail. */
export function registerModelCommands(program: Command, client: () => ApiClient = apiClient): void {
  const models = program.command("models").description("Registered models and their versions.");
  models
    .command("ls")
    .description("List models.")
    .action(async () => {
      const page = await client().request<{
        items: { name: string; latestVersion: number; updatedAt: string }[];
      }>("GET", "/models?limit=100");
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
      const query = new URLSearchParams({ limit: options.limit });
      if (options.status) query.set("status", options.status);
      const page = await client().request<{ items: Version[] }>(
        "GET",
        `${path(model, "versions")}?${query}`,
      );
      console.log(versionsTable(page.items));
    });
  models
    .command("show <model> <version>")
    .description("Show a version as JSON: lineage, metrics, gates, approvals.")
    .action(async (model: string, version: string) =>
      console.log(
        JSON.stringify(await client().request("GET", path(model, "versions", version)), null, 2),
      ),
    );
  models
    .command("approve <model> <version>")
    .description("Approve a version (needs an approver token).")
    .option("-m, --message <comment>", "why")
    .action(async (model: string, version: string, options: { message?: string }) => {
      const body = options.message ? { comment: options.message } : {};
      const v = await client().request<Version>(
        "POST",
        path(model, "versions", version, "approve"),
        body,
      );
      console.log(`${v.model} v${v.version} ${v.status} (approved by ${v.approvals.join(", ")})`);
    });
  models
    .command("reject <model> <version>")
    .description("Reject a version awaiting approval (needs an approver token).")
    .requiredOption("-m, --message <comment>", "why (required)")
    .action(async (model: string, version: string, options: { message: string }) => {
      const v = await client().request<Version>(
        "POST",
        path(model, "versions", version, "reject"),
        {
          comment: options.message,
        },
      );
      console.log(`${v.model} v${v.version} ${v.status}: ${v.reason}`);
    });
  models
    .command("alias <model> <alias> <version>")
    .description("Point an alias (champion, challenger, ...) at a version.")
    .action(async (model: string, alias: string, version: string) => {
      const a = await client().request<{ alias: string; version: number }>(
        "PUT",
        path(model, "aliases", alias),
        {
          version: Number(version),
        },
      );
      console.log(`${model}@${a.alias} → v${a.version}`);
    });
  models
    .command("history <model> [version]")
    .description("The audit trail of a model, or of one version, newest first.")
    .option("--limit <n>", "how many", "50")
    .action(async (model: string, version: string | undefined, options: { limit: string }) => {
      const where = version ? path(model, "versions", version, "history") : path(model, "history");
      const page = await client().request<{ items: Entry[] }>(
        "GET",
        `${where}?limit=${options.limit}`,
      );
      console.log(historyTable(page.items));
    });
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
      e.alias ? `alias ${e.alias}` : e.action,
      e.version ?? "-",
      e.from ?? "-",
      e.to ?? "-",
      e.comment ?? "",
    ]),
  );
}
