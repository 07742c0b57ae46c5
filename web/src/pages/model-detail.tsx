import { api, ok } from "../api/client";
import { fromSources, useApi } from "../api/use-api";
import { ComparePicker } from "../ui/compare-picker";
import { number, when } from "../ui/format";
import { MoreButton, usePaged } from "../ui/paged";
import { View } from "../ui/states";
import { Status } from "../ui/status";
import { History } from "./history";

const registryEvents = fromSources("gyre.registry", "gyre.deployment");

/** A model: its versions with status, metrics and aliases, a compare picker, and its audit trail. */
export function ModelDetailPage({ name }: { name: string }) {
  const model = useApi(
    () => ok(api.GET("/models/{name}", { params: { path: { name } } })),
    [name],
    registryEvents,
  );
  const versions = useApi(
    () =>
      ok(api.GET("/models/{name}/versions", { params: { path: { name }, query: { limit: 50 } } })),
    [name],
    registryEvents,
  );
  const paged = usePaged(versions.data, (cursor) =>
    ok(
      api.GET("/models/{name}/versions", {
        params: { path: { name }, query: { limit: 50, cursor } },
      }),
    ),
  );
  const aliasesOf = (v: number) =>
    Object.entries(model.data?.aliases ?? {})
      .filter(([, at]) => at === v)
      .map(([alias]) => alias);
  return (
    <section>
      <h1>Model {name}</h1>
      <View query={model} what={`model ${name}`} service="registry">
        {(m) => (
          <p>
            Policy: {m.policy.gates.length} gates, {m.policy.requiredApprovals} approval
            {m.policy.requiredApprovals === 1 ? "" : "s"} required
            {m.policy.autoApprove ? ", approves automatically" : ""}. Aliases:{" "}
            {Object.entries(m.aliases)
              .map(([alias, v]) => `${alias} → v${v}`)
              .join(", ") || "none"}
            .
          </p>
        )}
      </View>
      <View query={versions} what="versions" service="registry" isEmpty={(d) => !d.items.length}>
        {() => (
          <>
            <table>
              <caption>Versions, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Status</th>
                  <th scope="col">Aliases</th>
                  <th scope="col">Metrics</th>
                  <th scope="col">Registered</th>
                </tr>
              </thead>
              <tbody>
                {paged.items.map((v) => (
                  <tr key={v.version}>
                    <th scope="row">
                      <a href={`/models/${name}/versions/${v.version}`}>v{v.version}</a>
                    </th>
                    <td>
                      <Status value={v.status} />
                    </td>
                    <td>{aliasesOf(v.version).join(", ") || "—"}</td>
                    <td>
                      {Object.entries(v.metrics)
                        .map(([k, x]) => `${k} ${number(x)}`)
                        .join(", ")}
                    </td>
                    <td>{when(v.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <MoreButton paged={paged} label="versions" />
            <ComparePicker base={`/models/${name}`} />
          </>
        )}
      </View>
      <History name={name} />
    </section>
  );
}
