import { useEffect, useState } from "preact/hooks";
import type { ApiError } from "../api/client";
import { api, ok } from "../api/client";
import { type BusEvent, onBusEvent } from "../api/live";
import { useApi } from "../api/use-api";
import { when } from "../ui/format";
import { View } from "../ui/states";
import { useMay } from "../ui/who";

const TAIL = 200;

/** The live tail with source and detail-type filters, the dead letters, and replay (admin). */
export function Events() {
  const [filter, setFilter] = useState({ source: "", detailType: "" });
  const [paused, setPaused] = useState(false);
  const query = {
    limit: 50,
    source: filter.source || undefined,
    detailType: filter.detailType || undefined,
  };
  const first = useApi(
    () => ok(api.GET("/events", { params: { query } })),
    [filter.source, filter.detailType],
  );
  const [live, setLive] = useState<BusEvent[]>([]);
  useEffect(() => {
    setLive([]);
    if (paused) return;
    return onBusEvent((e) => {
      if (filter.source && e.source !== filter.source) return;
      if (filter.detailType && e["detail-type"] !== filter.detailType) return;
      setLive((list) => [e, ...list].slice(0, TAIL));
    });
  }, [filter.source, filter.detailType, paused]);
  return (
    <section>
      <h1>Events</h1>
      <form class="inline" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>Filter</legend>
          <label>
            Source{" "}
            <input
              value={filter.source}
              placeholder="gyre.registry"
              onChange={(e) => setFilter({ ...filter, source: e.currentTarget.value })}
            />
          </label>{" "}
          <label>
            Detail type{" "}
            <input
              value={filter.detailType}
              placeholder="Model Version Approved"
              onChange={(e) => setFilter({ ...filter, detailType: e.currentTarget.value })}
            />
          </label>{" "}
          <button type="button" aria-pressed={paused} onClick={() => setPaused(!paused)}>
            {paused ? "Resume live tail" : "Pause live tail"}
          </button>
        </fieldset>
      </form>
      <View query={first} what="events" service="events">
        {(page) => {
          const seen = new Set(live.map((e) => e.id));
          const events = [...live, ...page.items.filter((e) => !seen.has(e.id))];
          return events.length ? (
            <EventTable events={events} />
          ) : (
            <p class="state empty">No events match.</p>
          );
        }}
      </View>
      <DeadLetters />
      {useMay("admin") ? <Replay /> : null}
    </section>
  );
}

function EventTable({ events }: { events: BusEvent[] }) {
  return (
    <table class="events">
      <caption>Newest first ({events.length})</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Source</th>
          <th scope="col">Detail type</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <td>{when(e.time)}</td>
            <td>{e.source}</td>
            <th scope="row">{e["detail-type"]}</th>
            <td>
              <details>
                <summary>{e.id}</summary>
                <pre>{JSON.stringify(e.detail, null, 2)}</pre>
              </details>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DeadLetters() {
  const q = useApi(
    () => ok(api.GET("/events/dead-letters", { params: { query: { limit: 50 } } })),
    [],
  );
  return (
    <section aria-labelledby="dead-title">
      <h2 id="dead-title">Dead letters</h2>
      <View
        query={q}
        what="dead letters"
        service="events"
        isEmpty={(d) => !d.items.length}
        empty="No dead letters: every event was delivered."
      >
        {(d) => (
          <ul>
            {d.items.map((l) => (
              <li key={`${l.rule}-${l.event.id}`}>
                <strong>{l.rule}</strong>: {l.event["detail-type"]} ({l.event.id}) — {l.reason},{" "}
                {l.attempts} attempts: {l.error.message}
              </li>
            ))}
          </ul>
        )}
      </View>
    </section>
  );
}

function Replay() {
  const [range, setRange] = useState({ from: "", to: "" });
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const r = await ok(
        api.POST("/events/replay", {
          body: { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() },
        }),
      );
      setResult(`Replay ${r.replayName}: ${r.events} events sent again.`);
    } catch (failure) {
      setError(failure as ApiError);
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="replay-title" class="inline">
      <h2 id="replay-title">Replay a time range</h2>
      <label>
        From{" "}
        <input
          type="datetime-local"
          step={1}
          required
          value={range.from}
          onInput={(e) => setRange({ ...range, from: e.currentTarget.value })}
        />
      </label>{" "}
      <label>
        to{" "}
        <input
          type="datetime-local"
          step={1}
          required
          value={range.to}
          onInput={(e) => setRange({ ...range, to: e.currentTarget.value })}
        />
      </label>{" "}
      <button type="submit">Replay</button>
      <p role="alert" class="field-error">
        {error ? `${error.code}: ${error.message}` : null}
      </p>
      <p role="status">{result}</p>
    </form>
  );
}
