import { compareColumns, isMissing } from "@gyre/profile/drift/index";
import { type Decision, decide } from "./decide";
import type { FeatureResult, MonitorSettings } from "./monitor";
import type { Row } from "./rows";
import type { KnownDataset } from "./store";

/** A categorical reference column this varied is an identifier, not a feature. */
const ID_LIKE_SHARE = 0.5;
/** At most this many unseen categories are named per feature. */
const UNSEEN_LISTED = 20;

type Columns = KnownDataset["columns"];

/** The baseline's columns seen in the window too, less the ignored and the identifier-like ones. */
export function featuresOf(reference: Row[], current: Row[], ignore: string[]) {
  const seen = new Set(current.flatMap((row) => Object.keys(row)));
  const columns = [...new Set(reference.flatMap((row) => Object.keys(row)))].filter((c) =>
    seen.has(c),
  );
  const ignored = columns.filter((c) => ignore.includes(c) || idLike(reference, c));
  return { features: columns.filter((c) => !ignored.includes(c)), ignored };
}

function idLike(rows: Row[], column: string): boolean {
  const values = rows.map((row) => row[column]).filter((v) => v != null);
  if (!values.length || values.every((v) => typeof v === "number" || typeof v === "boolean"))
    return false;
  return new Set(values).size / values.length > ID_LIKE_SHARE;
}

/**
 * One feature of a window against the baseline: exact drift statistics, the monitor's verdict,
 * and the window's data quality (missing rate, categories the baseline never had, values of
 * another type than the baseline's, which are kept out of the statistics).
 */
export function featureResult(
  feature: string,
  reference: Row[],
  current: Row[],
  context: { columns: Columns; settings: MonitorSettings; judged: boolean },
): FeatureResult {
  const type = context.columns.find((c) => c.name === feature)?.type;
  const ref = reference.map((row) => row[feature]);
  const all = current.map((row) => row[feature]);
  const fits = (v: unknown) => isMissing(v) || fitsType(v, type);
  const cur = all.filter(fits);
  const result = compareColumns(ref, cur);
  const verdict: Decision = decide(feature, result, context.settings, context.judged);
  return {
    feature,
    type: result.type,
    ...verdict,
    missingRate: all.length ? all.filter(isMissing).length / all.length : 0,
    unseenCategories: result.type === "categorical" ? unseen(ref, cur) : [],
    typeViolations: all.length - cur.length,
  };
}

function fitsType(value: unknown, type: string | undefined): boolean {
  if (type === "integer" || type === "number") return typeof value === "number";
  if (type === "boolean") return typeof value === "boolean";
  return true;
}

function unseen(reference: unknown[], current: unknown[]): string[] {
  const known = new Set(reference.filter((v) => !isMissing(v)).map(String));
  const fresh = new Set(current.filter((v) => !isMissing(v)).map(String));
  return [...fresh].filter((v) => !known.has(v)).slice(0, UNSEEN_LISTED);
}

const RANK = { drift: 0, warn: 1, ok: 2 } as const;

/** Drifting features first, then warnings, then the rest; within a level, the farthest first. */
export function ranked(features: FeatureResult[]): FeatureResult[] {
  return [...features].sort((a, b) => RANK[a.level] - RANK[b.level] || severity(b) - severity(a));
}

/** How far past its threshold a feature is, comparable across methods (a p-value inverts). */
function severity(f: FeatureResult): number {
  if (f.value === null || f.threshold === null || f.threshold === 0) return -1;
  return f.method === "ks" ? f.threshold / Math.max(f.value, 1e-300) : f.value / f.threshold;
}
