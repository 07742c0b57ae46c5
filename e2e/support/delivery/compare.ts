// biome-ignore lint/suspicious/noExplicitAny: snapshots hold whatever JSON the API answers
type Json = any;

/** Ids, times and machine names that differ between any two runs, each replaced by its kind. */
const VARYING: [RegExp, string][] = [
  [/\b([a-z]+)_[0-9A-HJKMNP-TV-Z]{26}\b/g, "$1_*"],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, "<uuid>"],
  [/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z\b/g, "<time>"],
  [/(-v\d+-)[0-9a-z]{8}\b/g, "$1*"],
  [/\bi-[0-9a-f]{17}\b/g, "i-*"],
  [/\/[0-9a-f]{32}\b/g, "/<hex>"],
];
/** Numbers measured on the clock rather than decided by the loop. */
const CLOCKED = new Set([
  "durationSeconds",
  "costUsd",
  "revision",
  // A rollout step's traffic figures are read when its event is handled, not when it happened.
  "requests",
  "errorRate",
  "latencyP99Ms",
]);

export function normalize(value: Json, key = ""): Json {
  if (typeof value === "string") return VARYING.reduce((s, [re, to]) => s.replace(re, to), value);
  if (CLOCKED.has(key) && (typeof value === "number" || value === null)) return "<clocked>";
  if (Array.isArray(value)) return value.map((item) => normalize(item, key));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v, k)]));
  return value;
}

/** Each collection as sorted, normalized JSON lines: order of arrival is not state. */
export function canonical(state: Record<string, Json[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(state).map(([name, items]) => [
      name,
      items.map((item) => JSON.stringify(normalize(item))).sort(),
    ]),
  );
}

/**
 * What `actual` has more or less of than `expected`, per collection; empty when they match.
 * An item that differs from its counterpart in a few fields shows just those fields.
 */
export function difference(
  expected: Record<string, string[]>,
  actual: Record<string, string[]>,
): string {
  const lines: string[] = [];
  for (const name of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const { extra, missing } = multisetDifference(expected[name] ?? [], actual[name] ?? []);
    if (extra.length === 0 && missing.length === 0) continue;
    lines.push(
      `${name}: expected ${expected[name]?.length ?? 0}, got ${actual[name]?.length ?? 0}`,
    );
    for (const item of extra) {
      const counterpart = closest(item, missing);
      if (!counterpart) {
        lines.push(`  + ${item}`);
        continue;
      }
      missing.splice(missing.indexOf(counterpart), 1);
      lines.push(`  ~ ${describeItem(counterpart)}`);
      for (const [key, was, is] of changedFields(counterpart, item))
        lines.push(`      ${key}: ${was} -> ${is}`);
    }
    for (const item of missing) lines.push(`  - ${item}`);
  }
  return lines.join("\n");
}

function multisetDifference(expected: string[], actual: string[]) {
  const left = new Map<string, number>();
  for (const item of expected) left.set(item, (left.get(item) ?? 0) + 1);
  const extra: string[] = [];
  for (const item of actual) {
    const count = left.get(item) ?? 0;
    if (count > 0) left.set(item, count - 1);
    else extra.push(item);
  }
  const missing: string[] = [...left].flatMap(([item, count]) => Array(count).fill(item));
  return { extra, missing };
}

/** Fields whose JSON differs, top level only. */
function changedFields(a: string, b: string): [string, string, string][] {
  const [left, right] = [JSON.parse(a), JSON.parse(b)];
  return [...new Set([...Object.keys(left), ...Object.keys(right)])]
    .map((key): [string, string, string] => [
      key,
      JSON.stringify(left[key]),
      JSON.stringify(right[key]),
    ])
    .filter(([, was, is]) => was !== is);
}

/** The missing item that `item` differs from in fewest fields, if in fewer than half. */
function closest(item: string, candidates: string[]): string | undefined {
  const size = Object.keys(JSON.parse(item)).length;
  let best: { candidate: string; changed: number } | undefined;
  for (const candidate of candidates) {
    const changed = changedFields(candidate, item).length;
    if (changed < size / 2 && (!best || changed < best.changed)) best = { candidate, changed };
  }
  return best?.candidate;
}

function describeItem(json: string): string {
  const item = JSON.parse(json);
  const name = ["name", "model", "endpoint", "dataset", "pipeline"].find((k) => item[k]);
  const version = item.version ?? item.latestVersion;
  return (
    [name && `${name} ${item[name]}`, version !== undefined && `version ${version}`]
      .filter(Boolean)
      .join(", ") || json.slice(0, 120)
  );
}
