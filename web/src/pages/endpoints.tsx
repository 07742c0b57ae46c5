import { useState } from "preact/hooks";
import type { ApiError } from "../api/client";
import { api, ok } from "../api/client";
import { fromSources, useApi } from "../api/use-api";
import { Countdown } from "../ui/countdown";
import { number, percent, when } from "../ui/format";
import { View } from "../ui/states";
import { Status } from "../ui/status";
import { useMay } from "../ui/who";

const deploymentEvents = fromSources("gyre.deployment", "aws.sagemaker");

export function Endpoints(props: { name?: string }) {
  const list = useApi(
    () => ok(api.GET("/endpoints", { params: { query: { limit: 100 } } })),
    [],
    deploymentEvents,
  );
  return (
    <section>
      <h1>Endpoints</h1>
      <View
        query={list}
        what="endpoints"
        service="deployment"
        isEmpty={(d) => !d.items.length}
        empty="No endpoints yet: create one with npx gyre endpoint create."
      >
        {(d) => (
          <div class="split">
            <nav aria-label="Endpoints" class="queue">
              <ul>
                {d.items.map((e) => (
                  <li key={e.name}>
                    <a
                      href={`/endpoints/${e.name}`}
                      aria-current={
                        e.name === (props.name ?? d.items[0]?.name) ? "true" : undefined
                      }
                    >
                      <strong>{e.name}</strong>
                      <span class="sub">
                        {e.serving ? `serves v${e.serving.version}` : "not serving"}
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            {(props.name ?? d.items[0]?.name) ? (
              <EndpointDetail name={(props.name ?? d.items[0]?.name) as string} />
            ) : null}
          </div>
        )}
      </View>
    </section>
  );
}

function EndpointDetail({ name }: { name: string }) {
  const q = useApi(
    () => ok(api.GET("/endpoints/{name}", { params: { path: { name } } })),
    [name],
    deploymentEvents,
  );
  const mayRollBack = useMay("approver");
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const rollback = async (id: string) => {
    setError(null);
    try {
      await ok(api.POST("/deployments/{id}/rollback", { params: { path: { id } } }));
      setDone("Rollback started.");
      q.reload();
    } catch (failure) {
      setError(failure as ApiError);
    }
  };
  return (
    <article class="review" aria-labelledby="endpoint-title">
      <View query={q} what={`endpoint ${name}`} service="deployment">
        {(e) => {
          const rollout = e.currentDeployment ?? e.lastDeployment;
          return (
            <>
              <h2 id="endpoint-title">
                {e.name} <span class="sub">model {e.model}</span>
              </h2>
              <p>
                {e.serving
                  ? `Serves v${e.serving.version} since ${when(e.serving.since)}`
                  : "Not serving yet"}{" "}
                · endpoint {e.endpointStatus ?? "—"} · rollout{" "}
                {e.rollout.type.toLowerCase().replace(/_/g, " ")}
              </p>
              <table>
                <caption>Variants</caption>
                <thead>
                  <tr>
                    <th scope="col">Variant</th>
                    <th scope="col" class="num">
                      Version
                    </th>
                    <th scope="col">Traffic</th>
                    <th scope="col" class="num">
                      Instances
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {e.variants.map((v) => (
                    <tr key={v.name}>
                      <th scope="row">{v.name}</th>
                      <td class="num">v{v.version}</td>
                      <td>
                        <span
                          class="bar"
                          style={{ width: `${v.weight * 100}%` }}
                          aria-hidden="true"
                        />{" "}
                        {percent(v.weight)}
                      </td>
                      <td class="num">{v.instanceCount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {rollout ? (
                <section aria-labelledby="rollout-title">
                  <h3 id="rollout-title">
                    {e.currentDeployment ? "Rollout in progress" : "Last rollout"}:{" "}
                    {rollout.previousVersion === null
                      ? "first version"
                      : `v${rollout.previousVersion}`}{" "}
                    → v{rollout.version} <Status value={rollout.status} />
                  </h3>
                  {rollout.reason ? <p>{rollout.reason}</p> : null}
                  {e.currentDeployment ? (
                    <Countdown until={rollout.steps.at(-1)?.bakeEndsAt} label="Bake" />
                  ) : null}
                  <ol class="steps">
                    {rollout.steps.map((s, i) => (
                      <li key={`${s.at}-${i}`}>
                        <span class="sub">{when(s.at)}</span> {s.status}
                        {s.message ? `: ${s.message}` : ""}{" "}
                        {s.variants
                          .map(
                            (v) =>
                              `${v.variant} ${percent(v.weight)}${v.requests !== null ? `, ${v.requests} req` : ""}${v.errorRate !== null ? `, errors ${percent(v.errorRate)}` : ""}${v.latencyP99Ms !== null ? `, p99 ${number(v.latencyP99Ms)} ms` : ""}`,
                          )
                          .join("; ")}
                      </li>
                    ))}
                  </ol>
                </section>
              ) : null}
              <p>
                Alarms:{" "}
                {e.alarms
                  .map((a) => `${a.metric} > ${a.threshold} (after ${a.minRequests} requests)`)
                  .join("; ") || "none"}
              </p>
              {mayRollBack && e.serving ? (
                <p>
                  <button
                    type="button"
                    class="reject"
                    onClick={() => rollback(e.serving?.deploymentId ?? "")}
                  >
                    Roll back v{e.serving.version}
                  </button>
                </p>
              ) : null}
              <p role="alert" class="field-error">
                {error ? `${error.code}: ${error.message}` : null}
              </p>
              <p role="status">{done}</p>
            </>
          );
        }}
      </View>
    </article>
  );
}
