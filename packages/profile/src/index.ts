export { hashObject, type ScanOptions } from "./bytes";
export { compareColumns, compareProfiles } from "./compare";
export { ColumnComparison, ColumnDrift, ProfileComparison } from "./comparison-schema";
export { categoryDrift, columnDrift, driftScore, levelOf, type NumericDrift, psi } from "./drift";
export { DataRejected } from "./errors";
export { type DataFormat, formatFromKey } from "./format";
export { type HistogramBin, sketchHistogram } from "./histogram";
export { profileRecords, profileValues } from "./live";
export { mergeColumnProfiles, mergeProfiles } from "./merge";
export {
  bucketsOf,
  mergeNumericSketches,
  sketchAccuracy,
  sketchFromValues,
  sketchQuantile,
} from "./numeric-sketch";
export { type ParquetSource, scanParquet } from "./parquet";
export { scanObject } from "./scan";
export {
  ColumnProfile,
  ColumnSketch,
  ColumnType,
  DataFormatSchema,
  DataProfile,
  NumericSketch,
  ScanResult,
  TopValue,
} from "./schema";
