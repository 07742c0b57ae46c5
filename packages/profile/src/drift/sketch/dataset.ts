import { type DatasetOptions, summarise } from "../dataset";
import { compareFeatureSketches, type SketchColumnDrift } from "./compare";
import { FeatureSketch, type FeatureSketchJson } from "./feature";

export interface DatasetSketchJson {
  rows: number;
  features: Record<string, FeatureSketchJson>;
}

const NONE: ReadonlySet<string> = new Set();

/** One FeatureSketch per column of a table of rows; a row without a column counts as missing there. */
export class DatasetSketch {
  rows = 0;
  readonly features = new Map<string, FeatureSketch>();

  /** Counts a row's values, but for the columns `except` names. */
  addRow(row: Record<string, unknown>, except: ReadonlySet<string> = NONE): void {
    for (const name in row) if (!except.has(name)) this.feature(name).add(row[name]);
    this.rows++;
  }

  /** The column's sketch, created (with the rows so far counted as missing) if new. */
  feature(name: string): FeatureSketch {
    let sketch = this.features.get(name);
    if (!sketch) {
      sketch = new FeatureSketch();
      sketch.missing = this.rows;
      this.features.set(name, sketch);
    }
    return sketch;
  }

  merge(other: DatasetSketch): this {
    for (const [name, sketch] of this.features)
      if (!other.features.has(name)) sketch.missing += other.rows;
    for (const [name, sketch] of other.features) {
      const mine = this.features.get(name);
      if (mine) mine.merge(sketch);
      else {
        const added = new FeatureSketch().merge(sketch);
        added.missing += this.rows;
        this.features.set(name, added);
      }
    }
    this.rows += other.rows;
    return this;
  }

  toJSON(): DatasetSketchJson {
    const features: Record<string, FeatureSketchJson> = {};
    for (const [name, sketch] of this.features) features[name] = sketch.toJSON();
    return { rows: this.rows, features };
  }

  static fromJSON(json: DatasetSketchJson): DatasetSketch {
    const sketch = new DatasetSketch();
    sketch.rows = json.rows;
    for (const [name, feature] of Object.entries(json.features))
      sketch.features.set(name, FeatureSketch.fromJSON(feature));
    return sketch;
  }
}

/** Sketches a table of rows in one pass. */
export function sketchRows(
  rows: Iterable<Record<string, unknown>>,
  except: ReadonlySet<string> = NONE,
): DatasetSketch {
  const sketch = new DatasetSketch();
  for (const row of rows) sketch.addRow(row, except);
  return sketch;
}

export interface SketchDatasetDrift {
  features: Record<string, SketchColumnDrift>;
  driftShare: number;
  datasetDrift: boolean;
}

/**
 * compareDatasets from sketches: every column of either side, reference's first, judged by the
 * same rules; statistics are estimated from the sketches with the bounds of docs/drift.md.
 */
export function compareSketches(
  reference: DatasetSketch,
  current: DatasetSketch,
  options: DatasetOptions & { columns?: readonly string[] } = {},
): SketchDatasetDrift {
  const names = options.columns ?? [
    ...new Set([...reference.features.keys(), ...current.features.keys()]),
  ];
  const features: Record<string, SketchColumnDrift> = {};
  for (const name of names) {
    features[name] = compareFeatureSketches(
      reference.features.get(name) ?? new FeatureSketch(),
      current.features.get(name) ?? new FeatureSketch(),
      { threshold: options.thresholds?.[name] },
    );
  }
  return summarise(features);
}
