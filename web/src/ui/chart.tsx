import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface Series {
  label: string;
  values: (number | null)[];
  dashed?: boolean;
  color: string;
}

/** A uPlot line chart over time (seconds); described by `summary` for screen readers. */
export function TimeChart(props: {
  times: number[];
  series: Series[];
  summary: string;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const plot = new uPlot(
      {
        width: el.clientWidth || 600,
        height: props.height ?? 180,
        series: [
          {},
          ...props.series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            dash: s.dashed ? [6, 4] : undefined,
            points: { show: !s.dashed },
          })),
        ],
        axes: [{}, { size: 56 }],
        legend: { show: false },
      },
      [props.times, ...props.series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: el.clientWidth, height: props.height ?? 180 }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [props.times, props.series]);
  return <div class="chart" ref={box} role="img" aria-label={props.summary} />;
}
