import { api, ok } from "../api/client";
import { fromSources, useApi } from "../api/use-api";
import { number, percent, when } from "../ui/format";
import { View } from "../ui/states";
import { Status } from "../ui/status";
import { FeatureDrift } from "./feature-drift";
import { PerformanceOverTime, ReportPerformance } from "./performance";

const monitoringEvents = fromSources("gyre.monitoring");

export function Monitoring(props: { id?: string }) {
  const list = useApi(
    () => ok(api.GET("/monitors", { params: { query: { limit: 100 } } })),
    [],
    monitoringEvents,
  );
  return (
    <section>
      <h1>Monitoring</h1>
      <View
        query={list}
        what="monitors"
        service="monitoring"
        isEmpty={(d) => !d.items.length}
        empty="No monitors yet: a monitor starts when a deployment succeeds."
      >
        {(d) => {
          const id = props.id ?? d.items[0]?.id;
          return (
            <div class="split">
              <nav aria-label="Monitors" class="queue">
                <ul>
                  {d.items.map((m) => (
                    <li key={m.id}>
                      <a
                        href={`/monitoring/${m.id}`}
                        aria-current={m.id === id ? "true" : undefined}
                      >
                        <strong>{m.endpoint}</strong>
                        <span class="sub">
                          {m.model} v{m.version} · baseline {m.baseline.dataset} v
                          {m.baseline.version}
                        </span>
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
              {id ? <MonitorReports id={id} /> : null}
            </div>
          );
        }}
      </View>
    </section>
  );
}

function MonitorReports({ id }: { id: string }) {
  const q = useApi(
    () =>
      ok(api.GET("/monitors/{id}/reports", { params: { path: { id }, query: { limit: 100 } } })),
    [id],
    monitoringEvents,
  );
  return (
    <article class="review" aria-labelledby="reports-title">
      <h2 id="reports-title">Drift over time</h2>
      <View
        query={q}
        what="reports"
        service="monitoring"
        isEmpty={(d) => !d.items.length}
        empty="No reports yet: one comes when a window of captured traffic fills."
      >
        {(d) => (
          <>
            <FeatureDrift monitorId={id} reports={d.items} />
            <h3>Performance over time</h3>
            <PerformanceOverTime reports={d.items} />
            <table>
              <caption>Reports, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Window end</th>
                  <th scope="col">Drift</th>
                  <th scope="col" class="num">
                    Features drifted
                  </th>
                  <th scope="col" class="num">
                    Samples
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <a href={`/monitoring/reports/${r.id}`}>{when(r.windowEnd)}</a>
                    </th>
                    <td>
                      <Status value={r.datasetDrift ? "drift" : "no drift"} />
                    </td>
                    <td class="num">{percent(r.driftShare)}</td>
                    <td class="num">{r.samples}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </View>
    </article>
  );
}

export function ReportPage({ id }: { id: string }) {
  const q = useApi(() => ok(api.GET("/reports/{id}", { params: { path: { id } } })), [id]);
  return (
    <section>
      <p class="crumbs">
        <a href="/monitoring">Monitoring</a>
      </p>
      <h1>Report {id}</h1>
      <View query={q} what="the report" service="monitoring">
        {(r) => (
          <>
            <p>
              <a href={`/monitoring/${r.monitorId}`}>{r.endpoint}</a> · {r.model} v{r.version} ·{" "}
              {when(r.windowStart)} to {when(r.windowEnd)} · {r.samples} samples ·{" "}
              <Status value={r.datasetDrift ? "drift" : "no drift"} />
            </p>
            <table>
              <caption>Features</caption>
              <thead>
                <tr>
                  <th scope="col">Feature</th>
                  <th scope="col">Method</th>
                  <th scope="col" class="num">
                    Value
                  </th>
                  <th scope="col" class="num">
                    Threshold
                  </th>
                  <th scope="col">Drift</th>
                  <th scope="col" class="num">
                    Missing
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.features.map((f) => (
                  <tr key={f.feature}>
                    <th scope="row">{f.feature}</th>
                    <td>{f.method ?? "—"}</td>
                    <td class="num">{number(f.value)}</td>
                    <td class="num">{number(f.threshold)}</td>
                    <td>
                      <Status value={f.drift ? "drift" : "no drift"} />
                    </td>
                    <td class="num">{percent(f.missingRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ReportPerformance report={r} />
          </>
        )}
      </View>
    </section>
  );
}
