import { describe, expect, it } from "vitest";
import { binOf, candidateThresholds } from "./bins";
import { predictForest, trainForest } from "./forest";
import { predictLogistic, trainLogistic } from "./logistic";
import { auc } from "./metrics";
import { seededRandom } from "./random";

function sample(n: number, logit: (x: Float64Array) => number, seed = 1) {
  const random = seededRandom(seed);
  const X = Array.from({ length: n }, () => Float64Array.from([random.normal(), random.normal()]));
  const y = Uint8Array.from(X, (x) => Number(random.next() < 1 / (1 + Math.exp(-logit(x)))));
  return { X, y };
}

describe("learners", () => {
  it("bins: x <= thresholds[b] exactly when binOf(x) <= b", () => {
    const X = [3, 1, 2, 2, 5].map((x) => Float64Array.of(x));
    const thresholds = candidateThresholds(X, 0, 32);
    expect(thresholds).toEqual([1, 2, 3]);
    expect([0, 1, 1.5, 2, 3, 5, 9].map((x) => binOf(thresholds, x))).toEqual([0, 0, 1, 1, 2, 3, 3]);
    expect(candidateThresholds(X, 0, 2)).toEqual([2]);
  });

  it("logistic regression recovers the coefficients it was sampled from", () => {
    const { X, y } = sample(20_000, (x) => 0.5 + 2 * (x[0] as number) - (x[1] as number));
    const model = trainLogistic(X, y, { l2: 1, maxIterations: 25 });
    expect(model.intercept).toBeCloseTo(0.5, 1);
    expect(model.weights[0]).toBeCloseTo(2, 1);
    expect(model.weights[1]).toBeCloseTo(-1, 1);
    expect(predictLogistic(model, [Float64Array.of(0, 0)])[0]).toBeCloseTo(
      1 / (1 + Math.exp(-0.5)),
      1,
    );
  });

  it("the forest learns an interaction a linear model cannot", () => {
    const xor = (x: Float64Array) => ((x[0] as number) > 0 !== (x[1] as number) > 0 ? 4 : -4);
    const { X, y } = sample(4000, xor);
    const test = sample(1000, xor, 2);
    const options = {
      trees: 20,
      maxDepth: 4,
      minLeafSize: 5,
      maxFeatures: 1,
      maxBins: 32,
      seed: 1,
    };
    expect(auc(test.y, predictForest(trainForest(X, y, options), test.X))).toBeGreaterThan(0.9);
    const linear = trainLogistic(X, y, { l2: 1, maxIterations: 25 });
    expect(auc(test.y, predictLogistic(linear, test.X))).toBeLessThan(0.6);
  });
});
