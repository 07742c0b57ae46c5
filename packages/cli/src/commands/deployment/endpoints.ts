import type { Command } from "commander";
import { type ApiClient, apiClient, ok, type Schemas, typed } from "../../client";
import { readJsonOption } from "../../json-input";
import { table } from "../../table";

type Endpoint = Schemas["Endpoint"];

/** `gyre endpoints ...` and `gyre deploy`: where approved versions serve. */
export function registerEndpointCommands(program: Command, client: () => ApiClient = apiClient) {
  const endpoints = program
    .command("endpoints")
    .description("Endpoints: where approved versions serve.");
  endpoints
    .command("create")
    .description("Create an endpoint from a JSON file (see README: Deployment).")
    .requiredOption("-f, --file <endpoint.json>", "the endpoint")
    .option("--update", "replace the endpoint's settings if it exists")
    .action(async (options: { file: string; update?: boolean }) => {
      const body = readJsonOption("file", `@${options.file}`) as Schemas["EndpointInput"];
      const api = typed(client());
      const endpoint = options.update
        ? await ok(api.PUT("/endpoints/{name}", { params: { path: { name: body.name } }, body }))
        : await ok(api.POST("/endpoints", { body }));
      console.log(
        `endpoint ${endpoint.name} for model ${endpoint.model}: ${describeRollout(endpoint)}`,
      );
    });
  endpoints
    .command("ls")
    .description("List endpoints.")
    .action(async () => {
      const page = await ok(
        typed(client()).GET("/endpoints", { params: { query: { limit: 100 } } }),
      );
      console.log(
        table(
          ["endpoint", "model", "serving", "rollout", "status"],
          page.items.map((e) => [
            e.name,
            e.model,
            e.serving ? `v${e.serving.version}` : "-",
            e.currentDeploymentId ?? "-",
            e.status,
          ]),
        ),
      );
    });
  endpoints
    .command("show <name>")
    .description("An endpoint's variants, weights and rollouts (--json for everything).")
    .option("--json", "the whole record")
    .action(async (name: string, options: { json?: boolean }) => {
      const e = await ok(typed(client()).GET("/endpoints/{name}", { params: { path: { name } } }));
      if (options.json) return console.log(JSON.stringify(e, null, 2));
      console.log(
        `${e.name}  model ${e.model}  ${e.endpointStatus ?? "not deployed"}  ${describeRollout(e)}`,
      );
      console.log(
        table(
          ["variant", "version", "weight", "instances"],
          e.variants.map((v) => [v.name, v.version, v.weight, v.instanceCount]),
        ),
      );
      for (const [label, d] of [
        ["rolling out", e.currentDeployment],
        ["last", e.lastDeployment],
      ] as const) {
        if (d)
          console.log(
            `${label}: ${d.id} v${d.version} ${d.status}${d.reason ? ` (${d.reason})` : ""}`,
          );
      }
    });
  endpoints
    .command("delete <name>")
    .description("Tear an endpoint down (its history stays).")
    .action(async (name: string) => {
      const e = await ok(
        typed(client()).DELETE("/endpoints/{name}", { params: { path: { name } } }),
      );
      console.log(`endpoint ${e.name} ${e.status}`);
    });
  program
    .command("deploy <endpoint> <version>")
    .description("Deploy an Approved version to an endpoint now, by its rollout.")
    .action(async (endpoint: string, version: string) => {
      const d = await ok(
        typed(client()).POST("/endpoints/{name}/deploy", {
          params: { path: { name: endpoint } },
          body: { version: Number(version) },
        }),
      );
      console.log(
        `${d.id}: ${d.endpoint} v${d.version} ${d.status} (follow: gyre deployments show ${d.id} --watch)`,
      );
    });
}

function describeRollout(e: Pick<Endpoint, "rollout" | "alarms">): string {
  const r = e.rollout;
  const share =
    r.type === "CANARY"
      ? ` ${r.canarySize?.value}%`
      : r.type === "LINEAR"
        ? ` ${r.linearStepSize?.value}% steps`
        : "";
  const alarms = e.alarms.map((a) => `${a.metric} > ${a.threshold}`).join(", ");
  return `${r.type}${share}, bake ${r.waitIntervalInSeconds} s${alarms ? `, rollback on ${alarms}` : ""}`;
}
