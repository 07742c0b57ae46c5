import { binOf, candidateThresholds } from "./bins";
import { type Random, seededRandom } from "./random";

/** One tree as parallel arrays; a leaf has feature -1 and its value is P(label = 1). */
export interface Tree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

export interface ForestModel {
  kind: "random-forest";
  trees: Tree[];
}

export interface ForestOptions {
  trees: number;
  maxDepth: number;
  minLeafSize: number;
  /** Features tried at each split: "sqrt" of their count, or a fraction of them. */
  maxFeatures: "sqrt" | number;
  /** Candidate thresholds per feature (quantiles), as histogram-based learners do. */
  maxBins: number;
  seed: number;
}

/** A random forest of CART trees (Gini, bootstrap rows, random features per split) on binned features. */
export function trainForest(X: Float64Array[], y: Uint8Array, options: ForestOptions): ForestModel {
  const random = seededRandom(options.seed);
  const p = X[0]?.length ?? 0;
  const edges = Array.from({ length: p }, (_, f) => candidateThresholds(X, f, options.maxBins));
  const bins = edges.map((thresholds, f) =>
    Uint8Array.from(X, (x) => binOf(thresholds, x[f] as number)),
  );
  const tried =
    options.maxFeatures === "sqrt" ? Math.round(Math.sqrt(p)) : Math.round(options.maxFeatures * p);
  const trees = Array.from({ length: options.trees }, () => {
    const sample = Array.from({ length: X.length }, () => random.int(X.length));
    const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
    grow(tree, sample, 0);
    return tree;
  });
  return { kind: "random-forest", trees };

  function grow(tree: Tree, rows: number[], depth: number): number {
    const node = tree.feature.length;
    const positives = rows.reduce((sum, row) => sum + (y[row] as number), 0);
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push((positives + 1) / (rows.length + 2));
    if (depth >= options.maxDepth || positives === 0 || positives === rows.length) return node;
    const split = bestSplit(rows, positives, pickFeatures(random, p, Math.max(1, tried)));
    if (!split) return node;
    const bin = bins[split.feature] as Uint8Array;
    tree.feature[node] = split.feature;
    tree.threshold[node] = (edges[split.feature] as number[])[split.bin] as number;
    tree.left[node] = grow(
      tree,
      rows.filter((row) => (bin[row] as number) <= split.bin),
      depth + 1,
    );
    tree.right[node] = grow(
      tree,
      rows.filter((row) => (bin[row] as number) > split.bin),
      depth + 1,
    );
    return node;
  }

  function bestSplit(rows: number[], positives: number, features: number[]) {
    const n = rows.length;
    let best: { feature: number; bin: number } | undefined;
    let bestScore = (positives ** 2 + (n - positives) ** 2) / n + 1e-9;
    for (const feature of features) {
      const count = new Float64Array((edges[feature] as number[]).length + 1);
      const ones = new Float64Array(count.length);
      const bin = bins[feature] as Uint8Array;
      for (const row of rows) {
        const b = bin[row] as number;
        count[b] = (count[b] as number) + 1;
        ones[b] = (ones[b] as number) + (y[row] as number);
      }
      let leftN = 0;
      let leftPos = 0;
      for (let b = 0; b < count.length - 1; b++) {
        leftN += count[b] as number;
        leftPos += ones[b] as number;
        const rightN = n - leftN;
        if (leftN < options.minLeafSize || rightN < options.minLeafSize) continue;
        const rightPos = positives - leftPos;
        const score =
          (leftPos ** 2 + (leftN - leftPos) ** 2) / leftN +
          (rightPos ** 2 + (rightN - rightPos) ** 2) / rightN;
        if (score > bestScore) {
          bestScore = score;
          best = { feature, bin: b };
        }
      }
    }
    return best;
  }
}

export function predictForest(model: ForestModel, X: Float64Array[]): Float64Array {
  return Float64Array.from(X, (x) => {
    let sum = 0;
    for (const tree of model.trees) {
      let node = 0;
      while ((tree.feature[node] as number) >= 0) {
        const goLeft =
          (x[tree.feature[node] as number] as number) <= (tree.threshold[node] as number);
        node = (goLeft ? tree.left[node] : tree.right[node]) as number;
      }
      sum += tree.value[node] as number;
    }
    return sum / model.trees.length;
  });
}

function pickFeatures(random: Random, p: number, k: number): number[] {
  const features = Array.from({ length: p }, (_, i) => i);
  for (let i = 0; i < Math.min(k, p); i++) {
    const j = i + random.int(p - i);
    [features[i], features[j]] = [features[j] as number, features[i] as number];
  }
  return features.slice(0, k);
}
