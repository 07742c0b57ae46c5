import { useMemo } from "preact/hooks";
import type { components } from "../api-types";
import { type Series, TimeChart } from "../ui/chart";
import { number } from "../ui/format";
import { Status } from "../ui/status";

type Report = components["schemas"]["MonitoringReport"];

/** Per metric: its value against ground truth per window, its training value dashed, and CBPE's estimate. */
export function PerformanceOverTime({ reports }: { reports: Report[] }) {
  const oldestFirst = useMemo(() => [...reports].reverse(), [reports]);
  const times = useMemo(
    () => oldestFirst.map((r) => Date.parse(r.windowEnd) / 1000),
    [oldestFirst],
  );
  const metrics = [
    ...new Set(
      oldestFirst.flatMap((r) => [
        ...Object.keys(r.performance?.metrics ?? {}),
        ...Object.keys(r.estimatedPerformance ?? {}),
      ]),
    ),
  ];
  if (!metrics.length) {
    return (
      <p class="note">No ground truth or estimate yet: performance shows once labels arrive.</p>
    );
  }
  return (
    <div class="charts">
      {metrics.map((metric) => {
        const series: Series[] = [
          {
            label: "measured",
            values: oldestFirst.map((r) => r.performance?.metrics[metric] ?? null),
            color: "#1f5fbf",
          },
          {
            label: "training",
            values: oldestFirst.map((r) => r.performance?.training[metric] ?? null),
            color: "#b42318",
            dashed: true,
          },
          {
            label: "estimated",
            values: oldestFirst.map((r) => r.estimatedPerformance?.[metric] ?? null),
            color: "#6b7280",
          },
        ];
        const last = oldestFirst.at(-1);
        const degraded = last?.performance?.degraded.some((d) => d.metric === metric) ?? false;
        return (
          <figure key={metric}>
            <figcaption>
              <strong>{metric}</strong> —{" "}
              {last?.performance
                ? degraded
                  ? "▼ degraded"
                  : "✓ holding"
                : "estimated only: no ground truth yet"}{" "}
              (solid: against ground truth, dashed: training, grey: estimated)
            </figcaption>
            <TimeChart
              times={times}
              series={series}
              summary={`${metric}: latest ${number(last?.performance?.metrics[metric])} measured, ${number(last?.performance?.training[metric])} in training, ${number(last?.estimatedPerformance?.[metric])} estimated${degraded ? "; degraded" : ""}.`}
            />
          </figure>
        );
      })}
    </div>
  );
}

/** One report's performance: measured, training and estimated per metric, and which degraded. */
export function ReportPerformance({ report: r }: { report: Report }) {
  const metrics = [
    ...new Set([
      ...Object.keys(r.performance?.metrics ?? {}),
      ...Object.keys(r.estimatedPerformance ?? {}),
    ]),
  ];
  if (!metrics.length) return <p class="note">No ground truth for this window, and no estimate.</p>;
  const degraded = new Set(r.performance?.degraded.map((d) => d.metric));
  return (
    <table>
      <caption>
        Performance
        {r.performance ? ` (${r.performance.labelled} labelled rows, ${r.performance.kind})` : ""}
      </caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col" class="num">
            Measured
          </th>
          <th scope="col" class="num">
            Training
          </th>
          <th scope="col" class="num">
            Estimated
          </th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {metrics.map((m) => (
          <tr key={m}>
            <th scope="row">{m}</th>
            <td class="num">{number(r.performance?.metrics[m])}</td>
            <td class="num">{number(r.performance?.training[m])}</td>
            <td class="num">{number(r.estimatedPerformance?.[m])}</td>
            <td>
              {r.performance ? <Status value={degraded.has(m) ? "degraded" : "holding"} /> : "—"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
