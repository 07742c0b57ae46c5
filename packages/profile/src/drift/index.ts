export { alignedCounts, categoryCounts } from "./categories";
export { ColumnValues, compareColumnSets, compareColumnValues, csvColumnValues } from "./columns";
export {
  type CategoricalColumnDrift,
  type ColumnDrift,
  type ColumnOptions,
  compareColumns,
  DEFAULT_THRESHOLDS,
  type DriftMethod,
  type EmptyColumnDrift,
  isMissing,
  KS_MAX_REFERENCE,
  type NumericColumnDrift,
} from "./compare";
export { type ColumnSink, readCsvColumns } from "./csv-fields";
export {
  compareDatasets,
  DATASET_DRIFT_SHARE,
  type DatasetDrift,
  type DatasetOptions,
} from "./dataset";
export { jensenShannon } from "./jensen-shannon";
export { type KsResult, kolmogorovQ, ksSorted } from "./ks";
export { decileEdges, PSI_FLOOR, psiOfCounts, psiSorted, quantileSorted } from "./psi";
export * from "./sketch/index";
export { countAtMost, populationStd, sortedCopy } from "./sorted";
export { normalisedWasserstein, wassersteinSorted } from "./wasserstein";
