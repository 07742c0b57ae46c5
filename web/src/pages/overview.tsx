import type { ComponentChildren } from "preact";
import { api, ok } from "../api/client";
import { pendingVersions } from "../api/queue";
import { useApi } from "../api/use-api";
import { percent } from "../ui/format";
import { View } from "../ui/states";
import { Status } from "../ui/status";

const any = () => true;

function Card(props: { title: string; href: string; children: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={`card-${props.href.slice(1)}`}>
      <h2 id={`card-${props.href.slice(1)}`}>
        <a href={props.href}>{props.title}</a>
      </h2>
      {props.children}
    </section>
  );
}

function DatasetsCard() {
  const q = useApi(() => ok(api.GET("/datasets", { params: { query: { limit: 5 } } })), [], any);
  return (
    <Card title="Datasets" href="/datasets">
      <View query={q} what="datasets" service="datasets" isEmpty={(d) => !d.items.length}>
        {(d) => (
          <ul class="plain">
            {d.items.map((s) => (
              <li key={s.name}>
                <a href={`/datasets/${s.name}`}>{s.name}</a> · {s.versions} versions
              </li>
            ))}
          </ul>
        )}
      </View>
    </Card>
  );
}

function RunsCard() {
  const q = useApi(() => ok(api.GET("/runs", { params: { query: { limit: 5 } } })), [], any);
  return (
    <Card title="Runs" href="/runs">
      <View query={q} what="runs" service="training" isEmpty={(d) => !d.items.length}>
        {(d) => (
          <ul class="plain">
            {d.items.map((r) => (
              <li key={r.id}>
                <a href={`/runs/${r.id}`}>{r.id}</a> <Status value={r.status} />{" "}
                <span class="sub">
                  {r.pipeline}, {r.trigger}
                </span>
              </li>
            ))}
          </ul>
        )}
      </View>
    </Card>
  );
}

function ApprovalsCard() {
  const q = useApi(() => pendingVersions(undefined, 100), [], any);
  return (
    <Card title="Awaiting approval" href="/approvals">
      <View
        query={q}
        what="the approval queue"
        service="registry"
        isEmpty={(d) => !d.items.length}
        empty="Nothing awaits a decision."
      >
        {(d) => (
          <>
            <p class="big">
              {d.items.length}
              {d.next ? "+" : ""}
            </p>
            <ul class="plain">
              {d.items.slice(0, 5).map((v) => (
                <li key={`${v.model}/${v.version}`}>
                  <a href={`/approvals/${v.model}/${v.version}`}>
                    {v.model} v{v.version}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </View>
    </Card>
  );
}

function EndpointsCard() {
  const q = useApi(() => ok(api.GET("/endpoints", { params: { query: { limit: 5 } } })), [], any);
  return (
    <Card title="Endpoints" href="/endpoints">
      <View query={q} what="endpoints" service="deployment" isEmpty={(d) => !d.items.length}>
        {(d) => (
          <ul class="plain">
            {d.items.map((e) => (
              <li key={e.name}>
                <a href={`/endpoints/${e.name}`}>{e.name}</a>{" "}
                {e.serving ? `serves v${e.serving.version}` : "not serving yet"}
                {e.currentDeploymentId ? (
                  <>
                    {" "}
                    <Status value="InProgress" />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </View>
    </Card>
  );
}

async function openDrift() {
  const monitors = await ok(api.GET("/monitors", { params: { query: { limit: 20 } } }));
  const latest = await Promise.all(
    monitors.items.map(async (m) => {
      const reports = await ok(
        api.GET("/monitors/{id}/reports", { params: { path: { id: m.id }, query: { limit: 1 } } }),
      );
      return { monitor: m, report: reports.items[0] };
    }),
  );
  return latest;
}

function DriftCard() {
  const q = useApi(openDrift, [], any);
  return (
    <Card title="Drift" href="/monitoring">
      <View
        query={q}
        what="monitors"
        service="monitoring"
        isEmpty={(d) => !d.length}
        empty="No monitors yet: one starts with a deployment."
      >
        {(d) => (
          <ul class="plain">
            {d.map(({ monitor, report }) => (
              <li key={monitor.id}>
                <a href={`/monitoring/${monitor.id}`}>{monitor.endpoint}</a>{" "}
                {report ? (
                  <>
                    <Status value={report.datasetDrift ? "drift" : "no drift"} />{" "}
                    {percent(report.driftShare)} of features
                  </>
                ) : (
                  "no report yet"
                )}
              </li>
            ))}
          </ul>
        )}
      </View>
    </Card>
  );
}

/** The loop as it stands, each part linking to its page; refreshed by any bus event. */
export function Overview() {
  return (
    <section>
      <h1>Overview</h1>
      <div class="cards">
        <DatasetsCard />
        <RunsCard />
        <ApprovalsCard />
        <EndpointsCard />
        <DriftCard />
      </div>
    </section>
  );
}
