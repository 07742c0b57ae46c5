import { api, ok } from "../api/client";
import { lineage } from "../api/lineage";
import { fromSources, useApi } from "../api/use-api";
import { number, when } from "../ui/format";
import { View } from "../ui/states";
import { Status } from "../ui/status";
import { Gates } from "./gates";
import { History } from "./history";

const loopEvents = fromSources("gyre.registry", "gyre.deployment", "gyre.monitoring");

export function VersionPage(props: { name: string; version: string }) {
  const { name } = props;
  const version = Number(props.version);
  const q = useApi(
    () => ok(api.GET("/models/{name}/versions/{version}", { params: { path: { name, version } } })),
    [name, version],
    loopEvents,
  );
  const graph = useApi(() => lineage(name, version), [name, version], loopEvents);
  return (
    <section>
      <p class="crumbs">
        <a href={`/models/${name}`}>Model {name}</a>
      </p>
      <h1>
        {name} v{version}
      </h1>
      <View query={q} what="the version" service="registry">
        {(v) => (
          <>
            <p>
              <Status value={v.status} /> · registered {when(v.createdAt)} by {v.registeredBy}
              {v.status === "PendingManualApproval" ? (
                <>
                  {" "}
                  · <a href={`/approvals/${name}/${version}`}>Review it</a>
                </>
              ) : null}
            </p>
            <p>
              Metrics:{" "}
              {Object.entries(v.metrics)
                .map(([k, x]) => `${k} ${number(x)}`)
                .join(", ") || "none"}
            </p>
            <Gates gates={v.gates} />
          </>
        )}
      </View>
      <section aria-labelledby="lineage-title">
        <h2 id="lineage-title">Lineage</h2>
        <View query={graph} what="lineage" service="registry" isEmpty={(n) => !n.length}>
          {(nodes) => (
            <ol class="lineage">
              {nodes.map((n, i) => (
                <li key={`${n.kind}-${i}`} class={`node ${n.kind}`}>
                  <span class="kind">{n.kind}</span>
                  {n.href ? <a href={n.href}>{n.label}</a> : <strong>{n.label}</strong>}
                  <span class="sub">{n.detail}</span>
                </li>
              ))}
            </ol>
          )}
        </View>
      </section>
      <History name={name} version={version} />
    </section>
  );
}
