import { useMemo, useState } from "preact/hooks";
import { api, ok } from "../api/client";
import { fromSources, useApi } from "../api/use-api";
import { type Series, TimeChart } from "../ui/chart";
import { number, percent, when } from "../ui/format";
import { View } from "../ui/states";
import { Status } from "../ui/status";

const monitoringEvents = fromSources("gyre.monitoring");
const DAY_MS = 24 * 3600 * 1000;
const ranges = [
  ["1 day", 1],
  ["7 days", 7],
  ["30 days", 30],
] as const;

/** One feature over a time range, from GET /monitors/{id}/features/{feature}. */
export function FeaturePage(props: { id: string; feature: string }) {
  const { id, feature } = props;
  const [days, setDays] = useState(7);
  const q = useApi(
    () =>
      ok(
        api.GET("/monitors/{id}/features/{feature}", {
          params: {
            path: { id, feature },
            query: { from: new Date(Date.now() - days * DAY_MS).toISOString() },
          },
        }),
      ),
    [id, feature, days],
    monitoringEvents,
  );
  return (
    <section>
      <p class="crumbs">
        <a href={`/monitoring/${id}`}>Monitoring</a>
      </p>
      <h1>Feature {feature}</h1>
      <fieldset class="inline">
        <legend>Range</legend>
        {ranges.map(([label, n]) => (
          <button key={n} type="button" aria-pressed={days === n} onClick={() => setDays(n)}>
            Last {label}
          </button>
        ))}
      </fieldset>
      <View
        query={q}
        what={`${feature} over time`}
        service="monitoring"
        isEmpty={(s) => !s.points.length}
        empty="No reports in this range."
      >
        {(s) => <FeatureSeries points={s.points} feature={feature} />}
      </View>
    </section>
  );
}

type Point = {
  reportId: string;
  windowEnd: string;
  samples: number;
  judged: boolean;
  method: string | null;
  value: number | null;
  threshold: number | null;
  level: "ok" | "warn" | "drift";
  missingRate: number;
};

function FeatureSeries({ points, feature }: { points: Point[]; feature: string }) {
  const times = useMemo(() => points.map((p) => Date.parse(p.windowEnd) / 1000), [points]);
  const series = useMemo<Series[]>(
    () => [
      { label: "statistic", values: points.map((p) => p.value), color: "#1f5fbf" },
      {
        label: "threshold",
        values: points.map((p) => p.threshold),
        color: "#b42318",
        dashed: true,
      },
      { label: "missing rate", values: points.map((p) => p.missingRate), color: "#6b7280" },
    ],
    [points],
  );
  const last = points.at(-1);
  return (
    <>
      <figure>
        <figcaption>Solid: statistic, dashed: threshold, grey: missing rate.</figcaption>
        <TimeChart
          times={times}
          series={series}
          height={260}
          summary={`${feature}: ${points.length} windows; latest ${last?.method ?? "statistic"} ${number(last?.value)} against ${number(last?.threshold)}, ${last?.level}.`}
        />
      </figure>
      <table>
        <caption>Windows, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Window end</th>
            <th scope="col">Level</th>
            <th scope="col" class="num">
              Value
            </th>
            <th scope="col" class="num">
              Threshold
            </th>
            <th scope="col" class="num">
              Missing
            </th>
            <th scope="col" class="num">
              Samples
            </th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.reportId}>
              <th scope="row">
                <a href={`/monitoring/reports/${p.reportId}`}>{when(p.windowEnd)}</a>
              </th>
              <td>{p.judged ? <Status value={p.level} /> : "not judged (few rows)"}</td>
              <td class="num">{number(p.value)}</td>
              <td class="num">{number(p.threshold)}</td>
              <td class="num">{percent(p.missingRate)}</td>
              <td class="num">{p.samples}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
