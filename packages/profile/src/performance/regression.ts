import { ratio } from "./ratio";

/** Sums that RMSE and MAE need; merged by adding. */
export interface RegressionSums {
  n: number;
  squaredError: number;
  absoluteError: number;
}

export interface RegressionMetrics {
  n: number;
  /** √(Σ(y − ŷ)² / n), sklearn's √mean_squared_error; null when n is 0. */
  rmse: number | null;
  /** Σ|y − ŷ| / n, sklearn's mean_absolute_error; null when n is 0. */
  mae: number | null;
}

export function emptyRegressionSums(): RegressionSums {
  return { n: 0, squaredError: 0, absoluteError: 0 };
}

/** Adds one (truth, prediction) pair to `sums` in place and returns it. */
export function addRegression(sums: RegressionSums, truth: number, prediction: number) {
  const error = truth - prediction;
  sums.n++;
  sums.squaredError += error * error;
  sums.absoluteError += Math.abs(error);
  return sums;
}

export function mergeRegressionSums(a: RegressionSums, b: RegressionSums): RegressionSums {
  return {
    n: a.n + b.n,
    squaredError: a.squaredError + b.squaredError,
    absoluteError: a.absoluteError + b.absoluteError,
  };
}

export function regressionMetrics({ n, squaredError, absoluteError }: RegressionSums) {
  const meanSquare = ratio(squaredError, n);
  return {
    n,
    rmse: meanSquare === null ? null : Math.sqrt(meanSquare),
    mae: ratio(absoluteError, n),
  } satisfies RegressionMetrics;
}
