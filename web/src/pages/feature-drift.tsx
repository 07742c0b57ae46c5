import { useMemo } from "preact/hooks";
import type { components } from "../api-types";
import { type Series, TimeChart } from "../ui/chart";
import { number } from "../ui/format";

type Report = components["schemas"]["MonitoringReport"];

/** One chart per feature: its drift statistic per report window, and its threshold as a dashed line. */
export function FeatureDrift({ monitorId, reports }: { monitorId: string; reports: Report[] }) {
  const oldestFirst = useMemo(() => [...reports].reverse(), [reports]);
  const times = useMemo(
    () => oldestFirst.map((r) => Date.parse(r.windowEnd) / 1000),
    [oldestFirst],
  );
  const features = [...new Set(oldestFirst.flatMap((r) => r.features.map((f) => f.feature)))];
  return (
    <div class="charts">
      {features.map((feature) => (
        <FeatureChart
          key={feature}
          monitorId={monitorId}
          feature={feature}
          reports={oldestFirst}
          times={times}
        />
      ))}
    </div>
  );
}

function FeatureChart(props: {
  monitorId: string;
  feature: string;
  reports: Report[];
  times: number[];
}) {
  const { feature, reports, times } = props;
  const series = useMemo<Series[]>(() => {
    const of = (r: Report) => r.features.find((f) => f.feature === feature);
    return [
      { label: "drift", values: reports.map((r) => of(r)?.value ?? null), color: "#1f5fbf" },
      {
        label: "threshold",
        values: reports.map((r) => of(r)?.threshold ?? null),
        color: "#b42318",
        dashed: true,
      },
      {
        label: "missing rate",
        values: reports.map((r) => of(r)?.missingRate ?? null),
        color: "#6b7280",
      },
    ];
  }, [feature, reports]);
  const last = reports.at(-1)?.features.find((f) => f.feature === feature);
  const summary = `${feature}: latest ${last?.method ?? "drift"} ${number(last?.value)} against threshold ${number(last?.threshold)}${last?.drift ? ", drifted" : ", within threshold"}; ${reports.length} windows.`;
  return (
    <figure>
      <figcaption>
        <a href={`/monitoring/${props.monitorId}/features/${encodeURIComponent(feature)}`}>
          <strong>{feature}</strong>
        </a>{" "}
        — {last?.drift ? "▲ drifted" : "✓ within threshold"} (solid: statistic, dashed: threshold,
        grey: missing rate)
      </figcaption>
      <TimeChart times={times} series={series} summary={summary} />
    </figure>
  );
}
