export { CategoryDriftSketch, MAX_CATEGORIES } from "./categories";
export {
  compareFeatureSketches,
  NUMBERS_CATEGORY,
  type NumericBounds,
  OTHER_CATEGORY,
  type SketchColumnDrift,
} from "./compare";
export { sketchCsv } from "./csv";
export {
  compareSketches,
  DatasetSketch,
  type DatasetSketchJson,
  type SketchDatasetDrift,
  sketchRows,
} from "./dataset";
export { FeatureSketch, type FeatureSketchJson } from "./feature";
export { EXACT_VALUES, HISTOGRAM_SPAN, NumericDriftSketch } from "./numeric";
export type { Interval } from "./numeric-stats";
export {
  DatasetSketchSchema,
  FeatureSketchSchema,
  parseDatasetSketch,
  parseFeatureSketch,
} from "./schema";
