import * as z from "zod";
import { VisibleError } from "../platform/errors";
import type { MonitoringDeps, MonitoringReads } from "./deps";
import { rangeDrift, segmentParts } from "./hours";
import type { Report } from "./monitor";
import { getMonitor } from "./monitors";
import { monitoringStore as store } from "./store";

/** The longest range a feature's series spans, and the most points it holds. */
const MAX_RANGE_DAYS = 30;
const MAX_POINTS = 1000;

export const SeriesQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional().describe("default: 7 days before `to`"),
  to: z.iso.datetime({ offset: true }).optional().describe("default: now"),
});

export const FeaturePoint = z.object({
  reportId: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  samples: z.number().int(),
  judged: z.boolean(),
  method: z.string().nullable(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  level: z.enum(["ok", "warn", "drift"]),
  missingRate: z.number(),
});

/**
 * GET /monitors/{id}/features/{feature}: one feature's verdict in every report whose window
 * ended in [from, to], oldest first (for a chart with the threshold drawn).
 */
export async function featureSeries(
  id: string,
  feature: string,
  query: z.infer<typeof SeriesQuery>,
  deps: MonitoringReads,
) {
  const monitor = await getMonitor(id, deps);
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 7 * 86_400_000);
  checkRange(from, to);
  const points = (await reportsBetween(monitor.id, from, to, deps))
    .flatMap((r) => {
      const f = r.features.find((x) => x.feature === feature);
      if (!f) return [];
      const { method, value, threshold, level, missingRate } = f;
      const { windowStart, windowEnd, samples, judged } = r;
      return [
        {
          reportId: r.id,
          windowStart,
          windowEnd,
          samples,
          judged,
          method,
          value,
          threshold,
          level,
          missingRate,
        },
      ];
    })
    .reverse();
  return { monitorId: monitor.id, feature, from: from.toISOString(), to: to.toISOString(), points };
}

export const DriftQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional().describe("default: 24 hours before `to`"),
  to: z.iso.datetime({ offset: true }).optional().describe("default: now"),
  segment: z
    .string()
    .regex(/^[^=]+=.*$/)
    .optional()
    .describe("`column=value` of a `segmentBy` column; default: all traffic"),
});

/**
 * GET /monitors/{id}/drift: drift over any hours up to 30 days, all traffic or one segment,
 * merged from the stored hourly sketches (fresh: the hour still going counts too).
 */
export async function driftOver(
  id: string,
  query: z.infer<typeof DriftQuery>,
  deps: MonitoringDeps,
) {
  const monitor = await getMonitor(id, deps);
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 86_400_000);
  checkRange(from, to);
  const column = query.segment === undefined ? undefined : segmentParts(query.segment).column;
  if (column !== undefined && !monitor.settings.segmentBy.includes(column)) {
    throw new VisibleError(
      "input",
      "drift.segment",
      `${column} is not one of the monitor's segmentBy columns (${monitor.settings.segmentBy.join(", ") || "none"}).`,
    );
  }
  return rangeDrift(monitor, { from, to, segment: query.segment }, deps);
}

function checkRange(from: Date, to: Date) {
  if (from > to || to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw new VisibleError(
      "input",
      "series.range",
      `from must be before to, at most ${MAX_RANGE_DAYS} days apart.`,
    );
  }
}

/** Reports whose window ended in [from, to], newest first: paged back until one ends before `from`. */
async function reportsBetween(monitorId: string, from: Date, to: Date, deps: MonitoringReads) {
  const found: Report[] = [];
  let cursor: string | undefined;
  do {
    const page = await store(deps.state).listReports(monitorId, 100, cursor);
    for (const report of page.items) {
      const end = new Date(report.windowEnd);
      if (end < from || found.length >= MAX_POINTS) return found;
      if (end <= to) found.push(report);
    }
    cursor = page.next ?? undefined;
  } while (cursor);
  return found;
}
