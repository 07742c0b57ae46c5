import { useEffect, useState } from "preact/hooks";
import { api, ok } from "../api/client";
import { fromSources, useApi } from "../api/use-api";
import { number, when } from "../ui/format";
import { MoreButton, usePaged } from "../ui/paged";
import { View } from "../ui/states";
import { Status } from "../ui/status";

const trainingEvents = fromSources("gyre.training", "aws.batch");

export function Runs(props: { id?: string }) {
  return props.id ? <RunPage id={props.id} /> : <RunList />;
}

function RunList() {
  const q = useApi(
    () => ok(api.GET("/runs", { params: { query: { limit: 50 } } })),
    [],
    trainingEvents,
  );
  const paged = usePaged(q.data, (cursor) =>
    ok(api.GET("/runs", { params: { query: { limit: 50, cursor } } })),
  );
  return (
    <section>
      <h1>Runs</h1>
      <View
        query={q}
        what="runs"
        service="training"
        isEmpty={(d) => !d.items.length}
        empty="No runs yet: a push to a pipeline's dataset starts one."
      >
        {() => (
          <>
            <table>
              <caption>Runs, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col">Status</th>
                  <th scope="col">Pipeline</th>
                  <th scope="col">Trigger</th>
                  <th scope="col" class="num">
                    Attempts
                  </th>
                  <th scope="col" class="num">
                    Cost (USD)
                  </th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {paged.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <a href={`/runs/${r.id}`}>{r.id}</a>
                    </th>
                    <td>
                      <Status value={r.status} />
                    </td>
                    <td>{r.pipeline}</td>
                    <td>{r.trigger}</td>
                    <td class="num">{r.attempts.length}</td>
                    <td class="num">{number(r.costUsd)}</td>
                    <td>{when(r.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <MoreButton paged={paged} label="runs" />
          </>
        )}
      </View>
    </section>
  );
}

function RunPage({ id }: { id: string }) {
  const q = useApi(
    () => ok(api.GET("/runs/{id}", { params: { path: { id } } })),
    [id],
    trainingEvents,
  );
  return (
    <section>
      <p class="crumbs">
        <a href="/runs">Runs</a>
      </p>
      <h1>Run {id}</h1>
      <View query={q} what="the run" service="training">
        {(r) => (
          <>
            <p>
              <Status value={r.status} /> · pipeline {r.pipeline} · {r.trigger} · queue {r.queue} ·
              dataset {r.dataset.name} v{r.dataset.version} · cost{" "}
              {r.costUsd === null ? "—" : `$${number(r.costUsd)}`} · {r.durationSeconds ?? "—"} s
            </p>
            {r.reason ? <p>Reason: {r.reason}</p> : null}
            <p>
              Metrics:{" "}
              {r.metrics
                ? Object.entries(r.metrics)
                    .map(([k, v]) => `${k} ${number(v)}`)
                    .join(", ")
                : "none yet"}
            </p>
            <table>
              <caption>Attempts</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Started</th>
                  <th scope="col">Stopped</th>
                  <th scope="col">Exit</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Host</th>
                </tr>
              </thead>
              <tbody>
                {r.attempts.map((a) => (
                  <tr key={a.number}>
                    <th scope="row">{a.number}</th>
                    <td>{when(a.startedAt)}</td>
                    <td>{when(a.stoppedAt)}</td>
                    <td>{a.exitCode ?? "—"}</td>
                    <td>{a.statusReason ?? "—"}</td>
                    <td>{a.host ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <LogTail id={id} running={!["SUCCEEDED", "FAILED", "CANCELLED"].includes(r.status)} />
          </>
        )}
      </View>
    </section>
  );
}

/** Follows the run's log with the cursor the API hands back, every two seconds while it runs. */
function LogTail({ id, running }: { id: string; running: boolean }) {
  const [lines, setLines] = useState<string[]>([]);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    let cursor: string | undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    setLines([]);
    const read = async () => {
      try {
        const page = await ok(
          api.GET("/runs/{id}/logs", { params: { path: { id }, query: { cursor } } }),
        );
        if (stopped) return;
        setLines((old) => [...old, ...page.lines].slice(-1000));
        cursor = page.next ?? cursor;
        setNote(null);
      } catch (error) {
        setNote((error as Error).message);
      }
      if (!stopped && running) timer = setTimeout(read, 2000);
    };
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, running]);
  return (
    <section aria-labelledby="logs-title">
      <h2 id="logs-title">Log {running ? "(following)" : ""}</h2>
      {note ? <p class="note">{note}</p> : null}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling log must be reachable by keyboard to scroll it (WCAG 2.1.1) */}
      <pre class="log" tabIndex={0} role="log" aria-label="Run log">
        {lines.length ? lines.join("\n") : "No log lines yet."}
      </pre>
    </section>
  );
}
