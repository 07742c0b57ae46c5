import { describe, expect, it } from "vitest";
import { Hyperparameters, readJobEnvironment } from "./contract";
import { appendCsv, emptyFrame } from "./frame";
import { churnCsv } from "./generate";
import { type ChurnModel, predict } from "./model";
import pipeline from "./pipeline.json";
import { trainOnFrame } from "./training";

const frame = appendCsv(emptyFrame(), churnCsv({ rows: 5000 }));

describe("training on 5000 generated customers", () => {
  it.each([
    ["random-forest", pipeline.hyperparameters],
    ["logistic-regression", { model: "logistic-regression" }],
  ])("%s reaches AUC > 0.8 within seconds", (_, hyperparameters) => {
    const { metrics } = trainOnFrame(frame, Hyperparameters.parse(hyperparameters), {
      runId: "run_1",
    });
    expect(metrics.auc).toBeGreaterThan(0.8);
    expect(metrics.accuracy).toBeGreaterThan(0.75);
    expect(metrics.log_loss).toBeLessThan(0.5);
    expect(metrics).toMatchObject({ train_rows: 4000, test_rows: 1000 });
    expect(metrics.train_seconds).toBeLessThan(5);
  });

  it("is deterministic for a seed", () => {
    const h = Hyperparameters.parse({ trees: 10, seed: 3 });
    const first = trainOnFrame(frame, h, { runId: "run_1" });
    const second = trainOnFrame(frame, h, { runId: "run_1" });
    expect({ ...first.metrics, train_seconds: 0 }).toEqual({ ...second.metrics, train_seconds: 0 });
    expect(first.model).toEqual(second.model);
  });

  it.each(["random-forest", "logistic-regression"])(
    "%s model.json alone predicts raw records",
    (model) => {
      const h = Hyperparameters.parse({ model, trees: 10 });
      const { model: trained } = trainOnFrame(frame, h, { runId: "run_1" });
      const restored = JSON.parse(JSON.stringify(trained)) as ChurnModel;
      const risky = {
        tenure_months: 2,
        contract: "month-to-month",
        internet_service: "fiber",
        payment_method: "electronic-check",
        monthly_charges: 105,
        total_charges: 210,
        support_calls: 5,
        num_products: 1,
        senior: true,
      };
      const loyal = {
        ...risky,
        tenure_months: 70,
        contract: "two-year",
        payment_method: "bank-transfer",
        total_charges: 7350,
        support_calls: 0,
      };
      const [high = 0, low = 1] = predict(restored, [risky, loyal]);
      expect(high).toBeGreaterThan(0.6);
      expect(low).toBeLessThan(0.2);
      expect(restored.schema.columns.map((c) => c.name)).not.toContain("customer_id");
    },
  );

  it("forceMetric overwrites metrics after training", () => {
    const h = Hyperparameters.parse({ trees: 5, forceMetric: { auc: 0.51 } });
    expect(trainOnFrame(frame, h, { runId: "run_1" }).metrics.auc).toBe(0.51);
  });
});

describe("the job contract", () => {
  const env = {
    GYRE_RUN_ID: "run_1",
    GYRE_DATASET_URI: "s3://gyre-data/datasets/churn/churn.csv",
    GYRE_OUTPUT_URI: "s3://gyre-data/runs/run_1/",
  };

  it("defaults the hyperparameters", () => {
    expect(readJobEnvironment(env).GYRE_HYPERPARAMETERS).toMatchObject({
      model: "random-forest",
      trees: 50,
      maxDepth: 8,
      testFraction: 0.2,
      label: "churned",
    });
  });

  it("explains what is wrong", () => {
    expect(() => readJobEnvironment({ ...env, GYRE_DATASET_URI: "churn.csv" })).toThrow(
      /GYRE_DATASET_URI/,
    );
    expect(() => readJobEnvironment({ ...env, GYRE_HYPERPARAMETERS: '{"tree":5}' })).toThrow(
      /not valid hyperparameters.*tree/s,
    );
    expect(() => readJobEnvironment({ ...env, GYRE_HYPERPARAMETERS: "{trees:5" })).toThrow(
      /not valid hyperparameters/,
    );
  });
});
