import type { KnownDataset } from "./store";

export type Row = Record<string, unknown>;

/** CSV lines to rows: the first line is the header when it names a known column, else `columns` in order. */
export function csvRows(text: string, columns: KnownDataset["columns"]): Row[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (!lines.length) return [];
  const first = splitCsv(lines[0] as string);
  const known = new Set(columns.map((c) => c.name));
  const hasHeader = first.some((cell) => known.has(cell));
  const names = hasHeader ? first : columns.map((c) => c.name);
  return (hasHeader ? lines.slice(1) : lines).map((line) => {
    const cells = splitCsv(line);
    return Object.fromEntries(names.map((name, i) => [name, typed(cells[i], columns, name)]));
  });
}

/** JSON Lines, or JSON `{instances: [...]}` / an array of objects, to rows. */
export function jsonRows(text: string): Row[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  try {
    const parsed = JSON.parse(trimmed) as unknown;
    if (Array.isArray(parsed)) return parsed as Row[];
    const instances = (parsed as { instances?: unknown }).instances;
    return Array.isArray(instances) ? (instances as Row[]) : [parsed as Row];
  } catch {
    return trimmed.split("\n").map((line) => JSON.parse(line) as Row);
  }
}

/** A cell as the baseline's inferred type reads it: numbers, booleans, else text; empty is missing. */
function typed(cell: string | undefined, columns: KnownDataset["columns"], name: string): unknown {
  if (cell === undefined || cell === "") return null;
  const type = columns.find((c) => c.name === name)?.type;
  if (type === "integer" || type === "number") {
    const n = Number(cell);
    return Number.isFinite(n) ? n : cell;
  }
  if (type === "boolean") {
    const lower = cell.toLowerCase();
    if (lower === "true" || lower === "false") return lower === "true";
  }
  return cell;
}

/** One CSV line, RFC 4180 quoting. */
function splitCsv(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
