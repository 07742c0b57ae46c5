import { CholeskyDecomposition, Matrix } from "ml-matrix";

export interface LogisticModel {
  kind: "logistic-regression";
  intercept: number;
  weights: number[];
}

export interface LogisticOptions {
  /** L2 penalty on the weights (not the intercept); > 0 keeps one-hot columns solvable. */
  l2: number;
  maxIterations: number;
}

/** Fits by Newton's method (IRLS): a handful of exact steps instead of thousands of gradient ones. */
export function trainLogistic(X: Float64Array[], y: Uint8Array, options: LogisticOptions) {
  const p = (X[0]?.length ?? 0) + 1;
  const beta = new Float64Array(p);
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    const hessian = Array.from({ length: p }, () => new Float64Array(p));
    const gradient = new Float64Array(p);
    X.forEach((features, i) => {
      const x = [1, ...features];
      const mu = sigmoid(dot(beta, x));
      const w = Math.max(mu * (1 - mu), 1e-10);
      for (let a = 0; a < p; a++) {
        const xa = x[a] as number;
        gradient[a] = (gradient[a] as number) + xa * ((y[i] as number) - mu);
        const row = hessian[a] as Float64Array;
        for (let b = 0; b <= a; b++) row[b] = (row[b] as number) + w * xa * (x[b] as number);
      }
    });
    for (let a = 0; a < p; a++) {
      const row = hessian[a] as Float64Array;
      for (let b = 0; b < a; b++) (hessian[b] as Float64Array)[a] = row[b] as number;
      if (a > 0) {
        row[a] = (row[a] as number) + options.l2;
        gradient[a] = (gradient[a] as number) - options.l2 * (beta[a] as number);
      }
    }
    const step = new CholeskyDecomposition(hessian.map((row) => Array.from(row)))
      .solve(Matrix.columnVector(Array.from(gradient)))
      .to1DArray();
    step.forEach((delta, a) => {
      beta[a] = (beta[a] as number) + delta;
    });
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  const [intercept = 0, ...weights] = beta;
  return { kind: "logistic-regression", intercept, weights } satisfies LogisticModel;
}

export function predictLogistic(model: LogisticModel, X: Float64Array[]): Float64Array {
  return Float64Array.from(X, (x) => sigmoid(model.intercept + dot(model.weights, x)));
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
