import type { ColumnComparison, ProfileComparison } from "./comparison-schema";
import { columnDrift } from "./drift";
import { type ColumnProfile, DataProfile } from "./schema";

/** What changed from version a to version b: schema changes, then per-column statistics and drift. */
export function compareProfiles(a: DataProfile, b: DataProfile): ProfileComparison {
  const before = DataProfile.parse(a);
  const after = DataProfile.parse(b);
  const afterByName = new Map(after.columns.map((c) => [c.name, c]));
  const beforeNames = new Set(before.columns.map((c) => c.name));
  const shared = before.columns.flatMap((c) => {
    const other = afterByName.get(c.name);
    return other ? [[c, other] as const] : [];
  });
  return {
    rows: { a: before.rows, b: after.rows },
    added: after.columns
      .filter((c) => !beforeNames.has(c.name))
      .map(({ name, type }) => ({ name, type })),
    removed: before.columns
      .filter((c) => !afterByName.has(c.name))
      .map(({ name, type }) => ({ name, type })),
    typeChanged: shared
      .filter(([x, y]) => x.type !== y.type)
      .map(([x, y]) => ({ name: x.name, from: x.type, to: y.type })),
    columns: shared.map(([x, y]) => compareColumns(x, y, before.rows, after.rows)),
  };
}

export function compareColumns(
  a: ColumnProfile,
  b: ColumnProfile,
  rowsA: number,
  rowsB: number,
): ColumnComparison {
  const topA = new Set((a.top ?? []).map((t) => t.value));
  const topB = new Set((b.top ?? []).map((t) => t.value));
  const drift = columnDrift(a, b);
  return {
    name: a.name,
    type: { a: a.type, b: b.type },
    count: { a: a.count, b: b.count },
    missingRate: { a: rate(a.missing, rowsA), b: rate(b.missing, rowsB) },
    distinct: { a: a.distinct, b: b.distinct },
    ...(a.mean !== undefined && b.mean !== undefined
      ? { mean: { a: a.mean, b: b.mean, shift: a.std ? (b.mean - a.mean) / a.std : 0 } }
      : {}),
    ...(a.std !== undefined && b.std !== undefined
      ? { std: { a: a.std, b: b.std, ratio: a.std ? b.std / a.std : 0 } }
      : {}),
    topGained: [...topB].filter((v) => !topA.has(v)),
    topLost: [...topA].filter((v) => !topB.has(v)),
    ...(drift ? { drift } : {}),
  };
}

function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
