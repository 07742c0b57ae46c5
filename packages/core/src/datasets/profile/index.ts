export { type ColumnComparison, ColumnDrift, type ProfileComparison } from "./comparison-schema";
export { ColumnComparison as ColumnComparisonSchema, ProfileComparison as ProfileComparisonSchema } from "./comparison-schema";
export { compareColumns, compareProfiles } from "./compare";
export { categoryDrift, columnDrift, driftScore, levelOf, type NumericDrift, psi } from "./drift";
export { DataRejected } from "./errors";
export { type DataFormat, formatFromKey } from "./format";
export { profileRecords, profileValues } from "./live";
export { mergeColumnProfiles, mergeProfiles } from "./merge";
export { bucketsOf, mergeNumericSketches, sketchAccuracy, sketchFromValues, sketchQuantile } from "./numeric-sketch";
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
