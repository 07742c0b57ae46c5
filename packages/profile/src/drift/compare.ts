import { alignedCounts, categoryCounts } from "./categories";
import { jensenShannon } from "./jensen-shannon";
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
    : categoricalDrift(r, c, options);
}

function numericDrift(
  reference: Float64Array,
  current: Float64Array,
  options: ColumnOptions,
): NumericColumnDrift {
  const n = reference.length;
  const m = current.length;
  const ks = ksSorted(reference, current);
  const wasserstein = wassersteinSorted(reference, current);
  const wassersteinNorm = normalisedWasserstein(wasserstein, reference);
  const psi = psiSorted(reference, current);
  const stats = { type: "numeric", n, m, ks, wasserstein, wassersteinNorm, psi } as const;
  if (n <= KS_MAX_REFERENCE) {
    const threshold = options.threshold ?? DEFAULT_THRESHOLDS.ks;
    const drift = ks.pvalue < threshold;
    return { ...stats, method: "ks", value: ks.pvalue, threshold, drift };
  }
  const threshold = options.threshold ?? DEFAULT_THRESHOLDS.wassersteinNorm;
  const drift = wassersteinNorm > threshold;
  return { ...stats, method: "wassersteinNorm", value: wassersteinNorm, threshold, drift };
}

function categoricalDrift(
  reference: readonly unknown[],
  current: readonly unknown[],
  options: ColumnOptions,
): CategoricalColumnDrift {
  const counts = alignedCounts(categoryCounts(reference), categoryCounts(current));
  const n = reference.length;
  const m = current.length;
  const psi = psiOfCounts(counts.reference, n, counts.current, m);
  const value = jensenShannon(counts.reference, counts.current);
  const threshold = options.threshold ?? DEFAULT_THRESHOLDS.jensenShannon;
  return {
    type: "categorical",
    n,
    m,
    psi,
    jensenShannon: value,
    method: "jensenShannon",
    value,
    threshold,
    drift: value > threshold,
  };
}

function isNumber(value: unknown): value is number {
  return typeof value === "number";
}
