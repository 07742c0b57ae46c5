import { type CompiledPattern, compilePattern } from "@gyre/core/platform/pattern/index";
import { benchEvents, benchRules } from "./fixtures";

const MEASURE_MS = 1_500;
const WARMUP_MS = 300;

function countOperatorForms(pattern: unknown, forms: Set<string>): void {
  if (Array.isArray(pattern)) {
    for (const item of pattern) {
      if (typeof item !== "object" || item === null) {
        forms.add(item === null ? "null" : "exact");
        continue;
      }
      for (const [operator, operand] of Object.entries(item)) {
        const isObject = typeof operand === "object" && operand !== null && !Array.isArray(operand);
        forms.add(isObject ? `${operator} ${Object.keys(operand)[0]}` : operator);
      }
    }
    return;
  }
  if (typeof pattern !== "object" || pattern === null) return;
  for (const [name, value] of Object.entries(pattern)) {
    if (name === "$or") {
      forms.add("$or");
      for (const branch of value as unknown[]) countOperatorForms(branch, forms);
    } else {
      countOperatorForms(value, forms);
    }
  }
}

function runFor(durationMs: number, rules: readonly CompiledPattern[], events: readonly unknown[]) {
  let evaluations = 0;
  let matched = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (const event of events) {
      for (const rule of rules) {
        if (rule.matches(event)) matched++;
      }
    }
    evaluations += rules.length * events.length;
    elapsed = performance.now() - started;
  }
  return { evaluations, matched, elapsed };
}

const format = (value: number): string => Math.round(value).toLocaleString("en-US");

export async function benchMatcher(): Promise<void> {
  const patterns = benchRules();
  const forms = new Set<string>();
  for (const pattern of patterns) countOperatorForms(pattern, forms);

  const compileStarted = performance.now();
  const rules = patterns.map((pattern) => compilePattern(pattern));
  const compileMs = performance.now() - compileStarted;
  const events = benchEvents();

  runFor(WARMUP_MS, rules, events);
  const { evaluations, matched, elapsed } = runFor(MEASURE_MS, rules, events);
  const perSecond = (evaluations / elapsed) * 1000;

  console.log(
    `matcher: ${format(perSecond)} evaluations/s (${rules.length} rules, ${forms.size} operators)`,
  );
  console.log(
    `matcher: ${format(perSecond / rules.length)} events/s against all rules; ${((matched / evaluations) * 100).toFixed(1)}% of evaluations matched; ${events.length} distinct events`,
  );
  console.log(
    `matcher: compiled ${rules.length} rules in ${compileMs.toFixed(2)} ms; operators: ${[...forms].sort().join(", ")}`,
  );
}
