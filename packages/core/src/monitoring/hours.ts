import { createHash } from "node:crypto";
import { PutObjectCommand, paginateListObjectsV2 } from "@aws-sdk/client-s3";
import {
  compareSketches,
  DatasetSketch,
  parseDatasetSketch,
  sketchRows,
} from "@gyre/profile/drift/index";
import { readText } from "../platform/objects/s3-client";
import { datasetVerdict, decide } from "./decide";
import type { MonitoringDeps } from "./deps";
import { featuresOf } from "./features";
import {
  fileDataKey,
  hourOfCaptureKey,
  hoursPrefix,
  SEGMENTS_PER_FILE,
  type StoredSketches,
  segmentKey,
  sketchesOfText,
} from "./file-data";
import type { Monitor } from "./monitor";
import { monitoringStore as store } from "./store";
import { baselineRows } from "./window-data";

type Sketches = { all: DatasetSketch; segments: Map<string, DatasetSketch> };

/** A segment key's column and value (`plan=gold` → plan, gold; the value may hold "="). */
export function segmentParts(key: string): { column: string; value: string } {
  const at = key.indexOf("=");
  return { column: key.slice(0, at), value: key.slice(at + 1) };
}

/** Every hour's sketches from `from` to `to` (whole hours, UTC) merged: one listing, no capture file read. */
async function mergedHours(monitor: Monitor, from: Date, to: Date, deps: MonitoringDeps) {
  const prefix = hoursPrefix(monitor.id);
  const first = `${prefix}${from.toISOString().slice(0, 13)}`;
  const last = `${prefix}${to.toISOString().slice(0, 13)}/~`;
  const merged: Sketches = { all: new DatasetSketch(), segments: new Map() };
  let files = 0;
  const pages = paginateListObjectsV2(
    { client: deps.objects.s3 },
    { Bucket: deps.objects.bucket, Prefix: prefix, StartAfter: first },
  );
  for await (const page of pages) {
    for (const object of page.Contents ?? []) {
      const key = object.Key as string;
      if (key > last) return { merged, files };
      if (key < first) continue;
      mergeInto(merged, sketchesOfText(await readText(deps.objects, key)));
      files++;
    }
  }
  return { merged, files };
}

/** The baseline's sketches (whole and per segment value) and its identifier-like columns, made once and kept. */
async function baselineSketches(monitor: Monitor, deps: MonitoringDeps) {
  const { dataset: name, version } = monitor.baseline;
  const columns = [...monitor.settings.segmentBy].sort().join(",");
  const key = `monitoring/baselines/${name}/v${version}/sketch-${createHash("sha256").update(columns).digest("hex").slice(0, 12)}.json`;
  // A missing (or unreadable) cached sketch is made again from the baseline: it is the same.
  const cached = await readText(deps.objects, key).catch(() => undefined);
  if (cached) return fromStored(JSON.parse(cached));
  const dataset = await store(deps.state).getDataset(name, version);
  const rows = dataset ? await baselineRows(dataset, deps) : [];
  const { ignored } = featuresOf(rows, rows, []);
  const segments: Record<string, unknown> = {};
  for (const column of monitor.settings.segmentBy) {
    const values = [...new Set(rows.map((row) => row[column]).filter((v) => v != null))].slice(
      0,
      SEGMENTS_PER_FILE,
    );
    for (const value of values)
      segments[segmentKey(column, value)] = sketchRows(
        rows.filter((r) => r[column] === value),
      ).toJSON();
  }
  const stored = { all: sketchRows(rows).toJSON(), segments, idLike: ignored };
  await deps.objects.s3.send(
    new PutObjectCommand({ Bucket: deps.objects.bucket, Key: key, Body: JSON.stringify(stored) }),
  );
  return fromStored(stored);
}

function fromStored(stored: { all: unknown; segments: Record<string, unknown>; idLike: string[] }) {
  const segments = new Map(
    Object.entries(stored.segments).map(([k, v]) => [
      k,
      DatasetSketch.fromJSON(parseDatasetSketch(v)),
    ]),
  );
  return {
    all: DatasetSketch.fromJSON(parseDatasetSketch(stored.all)),
    segments,
    idLike: stored.idLike,
  };
}

/**
 * GET /monitors/{id}/drift: drift over any range of hours (up to 30 days), for all traffic
 * or one segment (`column=value`), from the stored hourly sketches against the baseline's,
 * judged by the monitor's methods and thresholds, in sketch mode (docs/drift.md).
 */
export async function rangeDrift(
  monitor: Monitor,
  range: { from: Date; to: Date; segment?: string },
  deps: MonitoringDeps,
) {
  const { merged, files } = await mergedHours(monitor, range.from, range.to, deps);
  const baseline = await baselineSketches(monitor, deps);
  const current =
    (range.segment ? merged.segments.get(range.segment) : merged.all) ?? new DatasetSketch();
  const judgedSketches = judgeSketches(monitor, baseline, current, range.segment);
  return {
    monitorId: monitor.id,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    segment: range.segment ?? null,
    mode: "sketch" as const,
    files,
    ...judgedSketches,
    segments: [...merged.segments.keys()].sort(),
  };
}

/** A merged sketch (all traffic or one `column=value` segment) against the baseline's, judged by the monitor. */
function judgeSketches(
  monitor: Monitor,
  baseline: Awaited<ReturnType<typeof baselineSketches>>,
  current: DatasetSketch,
  segment?: string,
) {
  const reference = (segment && baseline.segments.get(segment)) || baseline.all;
  const ignored = [...new Set([...monitor.settings.ignore, ...baseline.idLike])];
  const segmentColumn = segment === undefined ? undefined : segmentParts(segment).column;
  const columns = [...reference.features.keys()].filter(
    (c) => !ignored.includes(c) && c !== segmentColumn && current.features.has(c),
  );
  const drift = compareSketches(reference, current, { columns });
  const samples = current.rows;
  const judged = samples >= monitor.settings.minSamples;
  const features = Object.entries(drift.features).map(([feature, result]) => ({
    feature,
    type: result.type,
    exact: result.exact,
    ...decide(feature, result, monitor.settings, judged),
    missingRate: samples ? (current.features.get(feature)?.missing ?? 0) / samples : 0,
  }));
  return { samples, judged, features, ignored, ...datasetVerdict(features, judged) };
}

/**
 * A large window in sketch mode: the sketches its files were folded into as they arrived
 * (found by their claims), merged, against the baseline's, whole and per segment; no row is
 * read. Exact-only figures (categories the baseline never had, type violations) are left out.
 */
export async function windowSketchDrift(monitor: Monitor, files: string[], deps: MonitoringDeps) {
  const merged: Sketches = { all: new DatasetSketch(), segments: new Map() };
  for (const file of files) {
    const stored = await readHourSketch(monitor, file, deps);
    if (stored) mergeInto(merged, stored);
  }
  const baseline = await baselineSketches(monitor, deps);
  const whole = judgeSketches(monitor, baseline, merged.all);
  const segments = whole.judged
    ? [...merged.segments].flatMap(([segment, sketch]) => {
        if (sketch.rows < MIN_SEGMENT_ROWS) return [];
        const judged = judgeSketches(monitor, baseline, sketch, segment);
        const { column, value } = segmentParts(segment);
        const drifting = judged.features.filter((f) => f.drift).map((f) => f.feature);
        return [
          {
            column,
            value,
            samples: judged.samples,
            driftShare: judged.driftShare,
            datasetDrift: judged.datasetDrift,
            drifting,
          },
        ];
      })
    : [];
  segments.sort((a, b) => b.driftShare - a.driftShare || b.samples - a.samples);
  return { ...whole, segments };
}

/** A segment needs this many rows in the window to be judged (as in exact mode). */
const MIN_SEGMENT_ROWS = 30;

async function readHourSketch(monitor: Monitor, file: string, deps: MonitoringDeps) {
  if (!hourOfCaptureKey(file)) return undefined;
  return sketchesOfText(await readText(deps.objects, fileDataKey(monitor.id, file)));
}

function mergeInto(merged: Sketches, stored: StoredSketches) {
  merged.all.merge(DatasetSketch.fromJSON(parseDatasetSketch(stored.all)));
  for (const [segment, sketch] of Object.entries(stored.segments ?? {})) {
    const into = merged.segments.get(segment) ?? new DatasetSketch();
    merged.segments.set(segment, into.merge(DatasetSketch.fromJSON(parseDatasetSketch(sketch))));
  }
}
