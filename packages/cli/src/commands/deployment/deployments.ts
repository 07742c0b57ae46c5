import type { Command } from "commander";
import { type ApiClient, apiClient, ok, type Schemas, typed } from "../../client";
import { table } from "../../table";

type Deployment = Schemas["Deployment"];

/** `gyre deployments ...`: rollouts, their steps, and rollback. */
export function registerDeploymentCommands(program: Command, client: () => ApiClient = apiClient) {
  const deployments = program
    .command("deployments")
    .description("Rollouts of versions to endpoints.");
  deployments
    .command("ls")
    .description("List deployments, newest first.")
    .option("--endpoint <name>", "of one endpoint")
    .option("--limit <n>", "how many", "20")
    .action(async (options: { endpoint?: string; limit: string }) => {
      const page = await ok(
        typed(client()).GET("/deployments", {
          params: { query: { endpoint: options.endpoint, limit: Number(options.limit) } },
        }),
      );
      console.log(
        table(
          ["deployment", "endpoint", "version", "from", "trigger", "status", "started", "reason"],
          page.items.map((d) => [
            d.id,
            d.endpoint,
            d.version,
            d.previousVersion ?? "-",
            d.trigger,
            d.status,
            d.startedAt,
            d.reason ?? "",
          ]),
        ),
      );
    });
  deployments
    .command("show <id>")
    .description("A deployment's steps: weights and both fleets' numbers (--watch follows it).")
    .option("--watch", "refresh every second until the rollout ends")
    .option("--json", "the whole record")
    .action(async (id: string, options: { watch?: boolean; json?: boolean }) => {
      const read = () => ok(typed(client()).GET("/deployments/{id}", { params: { path: { id } } }));
      let d = await read();
      let shown = 0;
      for (;;) {
        if (options.json) {
          console.log(JSON.stringify(d, null, 2));
          break;
        }
        if (shown === 0)
          console.log(
            `${d.id}: ${d.endpoint} v${d.version} (from ${d.previousVersion ?? "nothing"}), ${d.trigger}`,
          );
        for (const step of d.steps.slice(shown)) console.log(stepLine(step));
        shown = d.steps.length;
        if (!options.watch || d.status !== "InProgress") break;
        await new Promise((r) => setTimeout(r, 1000));
        d = await read();
      }
      if (!options.json) console.log(`${d.status}${d.reason ? `: ${d.reason}` : ""}`);
      if (d.status === "Failed" || d.status === "RolledBack") process.exitCode = 1;
    });
  deployments
    .command("rollback <id>")
    .description(
      "Roll the serving deployment back to the version before it (needs an approver token).",
    )
    .action(async (id: string) => {
      const d = await ok(
        typed(client()).POST("/deployments/{id}/rollback", { params: { path: { id } } }),
      );
      console.log(`${d.id}: rolling ${d.endpoint} back to v${d.version} (${d.status})`);
    });
}

function stepLine(step: Deployment["steps"][number]): string {
  const variants = step.variants
    .map((v) => {
      const numbers =
        v.requests === null
          ? ""
          : ` ${v.requests} req, ${pct(v.errorRate)} errors, p99 ${v.latencyP99Ms} ms`;
      return `${v.variant} ${Math.round(v.weight * 100)}%${numbers}`;
    })
    .join(" | ");
  return `${step.at}  ${step.status.padEnd(11)} ${variants}${step.message ? `  (${step.message})` : ""}`;
}

const pct = (rate: number | null) => (rate === null ? "-" : `${Math.round(rate * 1000) / 10}%`);
