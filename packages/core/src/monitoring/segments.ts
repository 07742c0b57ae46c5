import { datasetVerdict } from "./decide";
import { featureResult } from "./features";
import type { MonitorSettings, SegmentResult } from "./monitor";
import type { Row } from "./rows";
import type { KnownDataset } from "./store";

/** A segment needs this many rows in the window to be judged. */
const MIN_SEGMENT_ROWS = 30;
/** The largest segments of each column are judged; the long tail is not. */
const SEGMENTS_PER_COLUMN = 20;

/**
 * Each `segmentBy` column splits the window by value; each large enough segment is compared
 * with the same segment of the baseline (or the whole baseline when the baseline has too few
 * rows of it), most drifting first.
 */
export function segmentResults(
  reference: Row[],
  current: Row[],
  features: string[],
  context: { columns: KnownDataset["columns"]; settings: MonitorSettings },
): SegmentResult[] {
  const results = context.settings.segmentBy.flatMap((column) =>
    largestGroups(current, column).map(([value, rows]) => {
      const sameSegment = reference.filter((row) => String(row[column]) === value);
      const baseline = sameSegment.length >= MIN_SEGMENT_ROWS ? sameSegment : reference;
      const judged = features
        .filter((f) => f !== column)
        .map((f) => featureResult(f, baseline, rows, { ...context, judged: true }))
        .filter((f) => f.type !== "empty");
      const drifting = judged.filter((f) => f.drift).map((f) => f.feature);
      return { column, value, samples: rows.length, ...datasetVerdict(judged, true), drifting };
    }),
  );
  return results.sort((a, b) => b.driftShare - a.driftShare || b.samples - a.samples);
}

function largestGroups(rows: Row[], column: string): [string, Row[]][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    if (row[column] == null) continue;
    const value = String(row[column]);
    const group = groups.get(value);
    if (group) group.push(row);
    else groups.set(value, [row]);
  }
  return [...groups]
    .filter(([, members]) => members.length >= MIN_SEGMENT_ROWS)
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, SEGMENTS_PER_COLUMN);
}
