import { alignedCounts, categoryCounts } from "./categories";
import { jensenShannon as jensenShannonOf } from "./jensen-shannon";
import { type KsResult, ksSorted } from "./ks";
import { psiOfCounts, psiSorted } from "./psi";
import { sortedCopy } from "./sorted";
import { normalisedWasserstein, wassersteinSorted } from "./wasserstein";

/** Above this many reference values a numeric feature is judged by wassersteinNorm, not KS. */
export const KS_MAX_REFERENCE = 1000;
export const DEFAULT_THRESHOLDS = { ks: 0.05, wassersteinNorm: 0.1, jensenShannon: 0.1 } as const;

export type DriftMethod = keyof typeof DEFAULT_THRESHOLDS;

interface Decision {
  /** Reference and current sample sizes, missing values excluded. */
  n: number;
  m: number;
  method: DriftMethod;
  value: number;
  threshold: number;
  drift: boolean;
}

export interface NumericColumnDrift extends Decision {
  type: "numeric";
  ks: KsResult;
  wasserstein: number;
  wassersteinNorm: number;
  psi: number;
}

export interface CategoricalColumnDrift extends Decision {
  type: "categorical";
  psi: number;
  jensenShannon: number;
}

/** A side with no values left after dropping missing ones: nothing to judge. */
export interface EmptyColumnDrift {
  type: "empty";
  n: number;
  m: number;
  method: null;
  value: null;
  threshold: null;
  drift: false;
}

export type ColumnDrift = NumericColumnDrift | CategoricalColumnDrift | EmptyColumnDrift;

export interface ColumnOptions {
  /** Replaces the default threshold of whichever method decides. */
  threshold?: number;
}

/** null, undefined, "", NaN and ±Infinity. */
export function isMissing(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === "" ||
    (typeof value === "number" && !Number.isFinite(value))
  );
}

/**
 * Exact drift of one column. Missing values are dropped; the column is numeric when every value
 * left on both sides is a number, otherwise categorical (each value's text is its category).
 */
export function compareColumns(
  reference: readonly unknown[],
  current: readonly unknown[],
  options: ColumnOptions = {},
): ColumnDrift {
  const r = reference.filter((v) => !isMissing(v));
  const c = current.filter((v) => !isMissing(v));
  const n = r.length;
  const m = c.length;
  if (n === 0 || m === 0) {
    return { type: "empty", n, m, method: null, value: null, threshold: null, drift: false };
  }
  const numeric = r.every(isNumber) && c.every(isNumber);
  return numeric
    ? numericDrift(sortedCopy(r as number[]), sortedCopy(c as number[]), options)
    : categoricalDrift(categoryCounts(r), categoryCounts(c), options);
}

/** Exact numeric drift of two ascending samples, both non-empty. */
export function numericDrift(
  reference: Float64Array,
  current: Float64Array,
  options: ColumnOptions = {},
): NumericColumnDrift {
  const n = reference.length;
  const m = current.length;
  const ks = ksSorted(reference, current);
  const wasserstein = wassersteinSorted(reference, current);
  const wassersteinNorm = normalisedWasserstein(wasserstein, reference);
  const psi = psiSorted(reference, current);
  const stats = { type: "numeric", n, m, ks, wasserstein, wassersteinNorm, psi } as const;
  return { ...stats, ...numericDecision(n, ks.pvalue, wassersteinNorm, options) };
}

/** Exact categorical drift of two samples' counts per category, both non-empty. */
export function categoricalDrift(
  reference: Map<string, number>,
  current: Map<string, number>,
  options: ColumnOptions = {},
): CategoricalColumnDrift {
  const counts = alignedCounts(reference, current);
  const n = sum(counts.reference);
  const m = sum(counts.current);
  const psi = psiOfCounts(counts.reference, n, counts.current, m);
  const jensenShannon = jensenShannonOf(counts.reference, counts.current);
  return {
    type: "categorical",
    n,
    m,
    psi,
    jensenShannon,
    ...categoricalDecision(jensenShannon, options),
  };
}

/** KS p-value up to KS_MAX_REFERENCE reference values, wassersteinNorm above. */
export function numericDecision(
  n: number,
  pvalue: number,
  wassersteinNorm: number,
  options: ColumnOptions,
): Pick<Decision, "method" | "value" | "threshold" | "drift"> {
  if (n <= KS_MAX_REFERENCE) {
    const threshold = options.threshold ?? DEFAULT_THRESHOLDS.ks;
    return { method: "ks", value: pvalue, threshold, drift: pvalue < threshold };
  }
  const threshold = options.threshold ?? DEFAULT_THRESHOLDS.wassersteinNorm;
  return {
    method: "wassersteinNorm",
    value: wassersteinNorm,
    threshold,
    drift: wassersteinNorm > threshold,
  };
}

export function categoricalDecision(
  jensenShannon: number,
  options: ColumnOptions,
): Pick<Decision, "method" | "value" | "threshold" | "drift"> {
  const threshold = options.threshold ?? DEFAULT_THRESHOLDS.jensenShannon;
  return {
    method: "jensenShannon",
    value: jensenShannon,
    threshold,
    drift: jensenShannon > threshold,
  };
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function isNumber(value: unknown): value is number {
  return typeof value === "number";
}
