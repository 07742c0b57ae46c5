import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type ClassificationPerformance, performanceOf, type RegressionPerformance } from "./index";

const FIXTURES = join(import.meta.dirname, "../../test-fixtures/performance");

type Expected = Record<string, number | null | Record<string, number | null>>;
export interface Case {
  name: string;
  kind: "classification" | "regression";
  labels: number[];
  scores: number[];
  expected: Expected;
}

/** The committed cases with their sklearn / numpy values (generate.py beside them). */
export const cases: Case[] = readdirSync(FIXTURES)
  .filter((file) => file.endsWith(".json"))
  .map((file) => JSON.parse(readFileSync(join(FIXTURES, file), "utf8")));
export const classification = cases.filter((c) => c.kind === "classification");
export const regression = cases.filter((c) => c.kind === "regression");

/** Relative error, or absolute error when the reference value is within 1e-12 of zero. */
export function error(actual: number, expected: number): number {
  if (Math.abs(expected) < 1e-12) return Math.abs(actual - expected);
  return Math.abs(actual - expected) / Math.abs(expected);
}

export function classify(c: Case): ClassificationPerformance {
  const result = performanceOf({
    kind: "classification",
    labels: c.labels as (0 | 1)[],
    scores: c.scores,
  });
  if (result.kind !== "classification") throw new Error("classification expected");
  return result;
}

export function regress(c: Case): RegressionPerformance {
  const result = performanceOf({ kind: "regression", labels: c.labels, scores: c.scores });
  if (result.kind !== "regression") throw new Error("regression expected");
  return result;
}

export function fixture(name: string): Case {
  const found = cases.find((c) => c.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
}
