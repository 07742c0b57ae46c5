import type { KnownDataset } from "./store";

export type Row = Record<string, unknown>;

/** CSV lines to rows: the first line is the header when it names a known column, else `columns` in order. */
export function csvRows(text: string, columns: KnownDataset["columns"]): Row[] {
  return csvReader(columns)(text);
}

/**
 * A reader of CSV text for one baseline's columns, their names and types looked up once:
 * capture files hold thousands of one-row requests, each read with the same columns, and
 * most of them repeat the same header line, whose reading is kept too.
 */
export function csvReader(columns: KnownDataset["columns"]): (text: string) => Row[] {
  const types = new Map(columns.map((c) => [c.name, c.type]));
  const byHeader = new Map<string, Layout | undefined>();
  const plain = layout(
    columns.map((c) => c.name),
    types,
  );
  const headerOf = (line: string) => {
    if (!byHeader.has(line)) {
      const cells = splitCsv(line);
      byHeader.set(line, cells.some((cell) => types.has(cell)) ? layout(cells, types) : undefined);
    }
    return byHeader.get(line);
  };
  return (text) => {
    const lines = nonEmptyLines(text);
    if (!lines.length) return [];
    const header = headerOf(lines[0] as string);
    const { names, kinds } = header ?? plain;
    const rows: Row[] = [];
    for (let l = header ? 1 : 0; l < lines.length; l++) {
      const cells = splitCsv(lines[l] as string);
      const row: Row = {};
      for (let i = 0; i < names.length; i++) row[names[i] as string] = typed(cells[i], kinds[i]);
      rows.push(row);
    }
    return rows;
  };
}

type Layout = { names: string[]; kinds: (string | undefined)[] };

function layout(names: string[], types: Map<string, string>): Layout {
  return { names, kinds: names.map((name) => types.get(name)) };
}

/** The text's lines without their line ends (LF or CRLF), blank ones left out. */
function nonEmptyLines(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() !== "") lines.push(line);
  }
  return lines;
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
