import { DistinctCounter } from "./distinct";
import { DataRejected } from "./errors";
import { mergeTops } from "./frequent";
import { joinTypes } from "./kinds";
import { Moments } from "./moments";
import { mergeNumericSketches } from "./numeric-sketch";
import { type ColumnProfile, type ColumnSketch, DataProfile, type NumericSketch } from "./schema";

/** Profile of several files of one version, as if they were one file; their columns must match by name. */
export function mergeProfiles(parts: DataProfile[]): DataProfile {
  const profiles = parts.map((part) => DataProfile.parse(part));
  const [first] = profiles;
  if (!first) throw new DataRejected("no rows");
  const names = first.columns.map((c) => c.name);
  profiles.forEach((profile, i) => {
    if (profile.format !== first.format) {
      throw new DataRejected(`part ${i + 1} is ${profile.format}, part 1 is ${first.format}`);
    }
    const theirs = new Set(profile.columns.map((c) => c.name));
    const lacks = names.filter((name) => !theirs.has(name));
    const adds = [...theirs].filter((name) => !names.includes(name));
    if (lacks.length || adds.length) {
      const problems = [
        ...(lacks.length ? [`lacks ${quoted(lacks)}`] : []),
        ...(adds.length ? [`adds ${quoted(adds)}`] : []),
      ];
      throw new DataRejected(`columns differ: part ${i + 1} ${problems.join(" and ")}`);
    }
  });
  const rows = profiles.reduce((sum, p) => sum + p.rows, 0);
  const columns = names.map((name) =>
    mergeColumnProfiles(
      profiles.map((p) => p.columns.find((c) => c.name === name) as ColumnProfile),
    ),
  );
  return { format: first.format, rows, columns };
}

/**
 * One column over several parts (files, or monitoring windows). The type is the join of the parts
 * that have values (integer + number = number, other mixes = string); top counts stay lower bounds.
 */
export function mergeColumnProfiles(parts: ColumnProfile[]): ColumnProfile {
  const first = parts[0] as ColumnProfile;
  const present = parts.filter((c) => c.count > 0);
  const type = present.map((c) => c.type).reduce(joinTypes, present[0]?.type ?? first.type);
  const count = sum(parts, (c) => c.count);
  const missing = sum(parts, (c) => c.missing);
  const distinctSketch = mergeDistinct(parts);
  const distinct = distinctSketch
    ? distinctSketch.estimate()
    : Math.max(...parts.map((c) => c.distinct));
  const sketch: ColumnSketch | undefined = distinctSketch
    ? { distinct: distinctSketch.toJSON() }
    : undefined;
  const base = { name: first.name, type, count, missing };
  if ((type === "integer" || type === "number") && present.length > 0) {
    const moments = new Moments();
    for (const part of present) moments.merge(Moments.of(part));
    const sketches = present.map((c) => c.sketch?.numeric).filter((s): s is NumericSketch => !!s);
    const numeric = sketches.length === present.length ? mergeNumericSketches(sketches) : undefined;
    const { min, max, mean, std } = moments;
    return {
      ...base,
      distinct,
      min,
      max,
      mean,
      ...(std === undefined ? {} : { std }),
      ...(sketch ? { sketch: numeric ? { ...sketch, numeric } : sketch } : {}),
    };
  }
  const withSketch = sketch ? { sketch } : {};
  if (type === "boolean" || type === "string") {
    const top = mergeTops(present.map((c) => c.top ?? []));
    return { ...base, distinct: type === "boolean" ? top.length : distinct, top, ...withSketch };
  }
  if (type === "timestamp" && present.length > 0) {
    const min = Math.min(...present.map((c) => c.min ?? Number.POSITIVE_INFINITY));
    const max = Math.max(...present.map((c) => c.max ?? Number.NEGATIVE_INFINITY));
    return { ...base, distinct, min, max, ...withSketch };
  }
  return { ...base, distinct, ...withSketch };
}

function mergeDistinct(parts: ColumnProfile[]): DistinctCounter | undefined {
  const merged = new DistinctCounter();
  for (const part of parts) {
    if (!part.sketch) return undefined;
    merged.merge(DistinctCounter.fromJSON(part.sketch.distinct));
  }
  return merged;
}

function sum(parts: ColumnProfile[], value: (c: ColumnProfile) => number): number {
  return parts.reduce((total, c) => total + value(c), 0);
}

function quoted(names: string[]): string {
  return names.map((n) => `"${n}"`).join(", ");
}
