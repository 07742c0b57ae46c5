import { type ColumnDrift, compareColumns } from "./compare";

export interface DatasetOptions {
  /** Per feature, replaces the default threshold of the method that decides it. */
  thresholds?: Record<string, number>;
}

export interface DatasetDrift {
  features: Record<string, ColumnDrift>;
  /** Drifting features over judged ones (features with values on both sides); 0 if none. */
  driftShare: number;
  /** At least half of the judged features drift. */
  datasetDrift: boolean;
}

export const DATASET_DRIFT_SHARE = 0.5;

/** Exact drift of every column that appears in either set of rows, reference's columns first. */
export function compareDatasets(
  referenceRows: readonly Record<string, unknown>[],
  currentRows: readonly Record<string, unknown>[],
  options: DatasetOptions = {},
): DatasetDrift {
  const features: Record<string, ColumnDrift> = {};
  for (const name of columnsOf(referenceRows, currentRows)) {
    features[name] = compareColumns(
      referenceRows.map((row) => row[name]),
      currentRows.map((row) => row[name]),
      { threshold: options.thresholds?.[name] },
    );
  }
  return summarise(features);
}

/** driftShare and datasetDrift of per-feature results: the one rule exact and sketch mode share. */
export function summarise<T extends ColumnDrift>(
  features: Record<string, T>,
): { features: Record<string, T>; driftShare: number; datasetDrift: boolean } {
  let judged = 0;
  let drifting = 0;
  for (const result of Object.values(features)) {
    if (result.type !== "empty") judged++;
    if (result.drift) drifting++;
  }
  const driftShare = judged === 0 ? 0 : drifting / judged;
  return { features, driftShare, datasetDrift: judged > 0 && driftShare >= DATASET_DRIFT_SHARE };
}

function columnsOf(...tables: (readonly Record<string, unknown>[])[]): Set<string> {
  const names = new Set<string>();
  for (const rows of tables) for (const row of rows) for (const name in row) names.add(name);
  return names;
}
