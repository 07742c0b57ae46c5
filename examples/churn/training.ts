import type { Hyperparameters } from "./contract";
import { encode, fitEncoder, frameRecords, inferSchema, labels } from "./features";
import { column, type Frame } from "./frame";
import { classificationMetrics } from "./metrics";
import { type ChurnModel, fit, scores } from "./model";
import { seededRandom, shuffledIndices } from "./random";

export interface TrainingResult {
  model: ChurnModel;
  metrics: Record<string, number>;
}

/** Everything between "the data is in memory" and "here are the files to write". */
export function trainOnFrame(
  frame: Frame,
  hyperparameters: Hyperparameters,
  options: { runId: string; log?: (line: string) => void },
): TrainingResult {
  const log = options.log ?? (() => {});
  const schema = inferSchema(frame, hyperparameters.label);
  log(
    `schema: ${schema.columns.map((c) => `${c.name}:${c.type}`).join(", ")}` +
      (schema.ignored.length
        ? `; ignored ${schema.ignored.map((c) => `${c.name} (${c.reason})`).join(", ")}`
        : ""),
  );
  const order = shuffledIndices(frame.length, seededRandom(hyperparameters.seed));
  const testRows = Math.round(frame.length * hyperparameters.testFraction);
  const test = order.slice(0, testRows);
  const train = order.slice(testRows);
  if (train.length < 10 || test.length < 2) {
    throw new Error(
      `too little data: ${frame.length} rows give ${train.length} to train and ${test.length} to test`,
    );
  }
  const y = labels(column(frame, hyperparameters.label));
  const encoder = fitEncoder(frame, schema, train);
  const pick = (rows: number[]) => Uint8Array.from(rows, (row) => y[row] as number);
  log(
    `split: ${train.length} train, ${test.length} test rows; ${encoder.features.length} features`,
  );

  const started = performance.now();
  const model = fit(encode(encoder, frameRecords(frame, train)), pick(train), hyperparameters);
  const trainSeconds = (performance.now() - started) / 1000;
  log(`trained ${hyperparameters.model} in ${trainSeconds.toFixed(2)}s`);

  const metrics = {
    ...classificationMetrics(pick(test), scores(model, encode(encoder, frameRecords(frame, test)))),
    train_rows: train.length,
    test_rows: test.length,
    features: encoder.features.length,
    train_seconds: trainSeconds,
    ...hyperparameters.forceMetric,
  };
  return {
    model: {
      format: "gyre.tabular-classifier/v1",
      runId: options.runId,
      label: hyperparameters.label,
      columns: frame.names,
      schema,
      encoder,
      hyperparameters,
      model,
    },
    metrics,
  };
}

/** What a run writes under GYRE_OUTPUT_URI, in order (metrics last): key, value, pretty-printed. */
export function outputFiles(
  result: TrainingResult,
): [key: string, value: unknown, pretty: boolean][] {
  return [
    ["model/model.json", result.model, false],
    ["model/schema.json", result.model.schema, true],
    ["metrics.json", result.metrics, true],
  ];
}
