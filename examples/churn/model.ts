import type { Hyperparameters } from "./contract";
import { type Encoder, encode, type Schema } from "./features";
import { type ForestModel, predictForest, trainForest } from "./forest";
import { type LogisticModel, predictLogistic, trainLogistic } from "./logistic";

/** Everything needed to predict, as written to model/model.json. */
export interface ChurnModel {
  format: "gyre.tabular-classifier/v1";
  runId: string;
  label: string;
  /** The training data's header, in order: a headerless CSV request follows it (older artifacts lack it). */
  columns?: string[];
  schema: Schema;
  encoder: Encoder;
  hyperparameters: Hyperparameters;
  model: ForestModel | LogisticModel;
}

export function fit(X: Float64Array[], y: Uint8Array, h: Hyperparameters) {
  return h.model === "logistic-regression"
    ? trainLogistic(X, y, { l2: h.l2, maxIterations: h.maxIterations })
    : trainForest(X, y, {
        trees: h.trees,
        maxDepth: h.maxDepth,
        minLeafSize: h.minLeafSize,
        maxFeatures: h.maxFeatures,
        maxBins: h.maxBins,
        seed: h.seed,
      });
}

/** P(label = 1) for encoded rows. */
export function scores(model: ForestModel | LogisticModel, X: Float64Array[]): Float64Array {
  return model.kind === "logistic-regression" ? predictLogistic(model, X) : predictForest(model, X);
}

/** P(label = 1) for raw records, e.g. rows of a CSV or a JSON request body. */
export function predict(
  model: ChurnModel,
  records: Record<string, string | number | boolean | null | undefined>[],
): number[] {
  const lookups = records.map((record) => (name: string) => String(record[name] ?? ""));
  return Array.from(scores(model.model, encode(model.encoder, lookups)));
}
