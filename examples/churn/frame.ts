/** A table of CSV text, column by column (one string array per column). */
export interface Frame {
  names: string[];
  columns: string[][];
  length: number;
}

export function emptyFrame(): Frame {
  return { names: [], columns: [], length: 0 };
}

/**
 * Appends one CSV document (header first) to the frame. Every part of a dataset must carry
 * the same header; quoted fields ("a,b", "say ""hi""") and CRLF line ends are understood.
 */
export function appendCsv(frame: Frame, text: string, source = "CSV"): Frame {
  const records = parseCsv(text);
  const header = records.shift();
  if (!header || header.every((name) => name === "")) throw new Error(`${source} has no header`);
  if (frame.names.length === 0) {
    frame.names = header;
    frame.columns = header.map(() => []);
  } else if (header.join(",") !== frame.names.join(",")) {
    throw new Error(
      `${source}: header "${header.join(",")}" differs from the first part's "${frame.names.join(",")}"`,
    );
  }
  const interned = header.map(() => new Map<string, string>());
  records.forEach((record, i) => {
    if (record.length !== header.length) {
      throw new Error(
        `${source} line ${i + 2}: ${record.length} fields, expected ${header.length}`,
      );
    }
    record.forEach((value, c) => {
      frame.columns[c]?.push(intern(interned[c], value));
    });
  });
  frame.length += records.length;
  return frame;
}

/** Repeated values (categories, small integers) share one string: a million rows fit in far less memory. */
function intern(seen: Map<string, string> | undefined, value: string): string {
  if (!seen || seen.size > 10_000) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  seen.set(value, value);
  return value;
}

export function column(frame: Frame, name: string): string[] {
  const index = frame.names.indexOf(name);
  const values = frame.columns[index];
  if (!values) throw new Error(`no column "${name}" (columns: ${frame.names.join(", ")})`);
  return values;
}

/** RFC 4180 records; blank lines are skipped. Lines without quotes take a fast path. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = pending === "" ? raw : `${pending}\n${raw}`;
    const trimmed = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (!line.includes('"')) {
      if (trimmed !== "") records.push(trimmed.split(","));
    } else if (line.split('"').length % 2 === 0) {
      pending = line;
    } else {
      pending = "";
      records.push(parseQuotedRecord(trimmed));
    }
  }
  if (pending !== "") throw new Error("a quoted field is never closed");
  return records;
}

function parseQuotedRecord(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') quoted = !quoted;
    else if (char === "," && !quoted) {
      fields.push(field);
      field = "";
    } else field += char;
  }
  fields.push(field);
  return fields;
}
