import type { KnownDataset } from "./store";

export type Row = Record<string, unknown>;

/** CSV lines to rows: the first line is the header when it names a known column, else `columns` in order. */
export function csvRows(text: string, columns: KnownDataset["columns"]): Row[] {
  return csvReader(columns)(text);
}

/**
 * A reader of CSV text for one baseline's columns, their names and types looked up once:
 * capture files hold thousands of one-row requests, each read with the same columns.
 */
export function csvReader(columns: KnownDataset["columns"]): (text: string) => Row[] {
  const types = new Map(columns.map((c) => [c.name, c.type]));
  const names = columns.map((c) => c.name);
  return (text) => {
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
    if (!lines.length) return [];
    const first = splitCsv(lines[0] as string);
    const hasHeader = first.some((cell) => types.has(cell));
    const header = hasHeader ? first : names;
    const kinds = header.map((name) => types.get(name));
    return (hasHeader ? lines.slice(1) : lines).map((line) => {
      const cells = splitCsv(line);
      const row: Row = {};
      for (let i = 0; i < header.length; i++) row[header[i] as string] = typed(cells[i], kinds[i]);
      return row;
    });
  };
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
function typed(cell: string | undefined, type: string | undefined): unknown {
  if (cell === undefined || cell === "") return null;
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
  if (!line.includes('"')) return line.split(",");
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
