import { DataRejected } from "./errors";

const QUOTE = 34;
const LF = 10;
const CR = 13;
const COMMA = 44;
const TAB = 9;
const PARSE_AT = 1 << 16;
const MAX_RECORD = 32 << 20;
const INCOMPLETE = -1;

/** Receives each record's fields (only the first `count` entries are this record's) and its first line. */
export type CsvRecordHandler = (fields: readonly string[], count: number, line: number) => void;

/**
 * Streaming RFC 4180 reader over decoded text. Records are handed over with the physical line
 * they start on (1-based), counting line breaks inside quoted fields. Text is parsed once at least
 * 64 KiB is buffered; a record cut by the end of the buffer is parsed again when more text comes.
 */
export class CsvReader {
  private pending = "";
  private line = 1;
  private parseAt = PARSE_AT;
  private delimiter = -1;
  private readonly fields: string[] = [];

  constructor(private readonly onRecord: CsvRecordHandler) {}

  push(text: string): void {
    this.pending += text;
    if (this.pending.length >= this.parseAt) this.parse(false);
  }

  end(): void {
    this.parse(true);
  }

  private parse(final: boolean): void {
    const text = this.pending;
    if (this.delimiter < 0) this.delimiter = sniffDelimiter(text);
    let pos = 0;
    let nextQuote = text.indexOf('"');
    let nextReturn = text.indexOf("\r");
    while (pos < text.length) {
      if (nextQuote >= 0 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
      if (nextReturn >= 0 && nextReturn < pos) nextReturn = text.indexOf("\r", pos);
      const lineEnd = text.indexOf("\n", pos);
      const plain =
        lineEnd >= 0 &&
        (nextQuote < 0 || nextQuote > lineEnd) &&
        (nextReturn < 0 || nextReturn >= lineEnd - 1);
      const next = plain ? this.plainRecord(text, pos, lineEnd, nextReturn === lineEnd - 1) : this.record(text, pos, final);
      if (next === INCOMPLETE) break;
      pos = next;
    }
    this.pending = text.slice(pos);
    if (this.pending.length > MAX_RECORD) {
      throw new DataRejected(`line ${this.line}: record longer than 32 MiB (unclosed quote?)`);
    }
    this.parseAt = Math.max(PARSE_AT, this.pending.length * 2);
  }

  /** The common case: a record on one line, without quotes or a lone CR; only delimiters matter. */
  private plainRecord(text: string, start: number, lineEnd: number, crlf: boolean): number {
    const end = crlf ? lineEnd - 1 : lineEnd;
    const fields = this.fields;
    const delimiter = this.delimiter;
    let count = 0;
    let from = start;
    for (let i = start; i < end; i++) {
      if (text.charCodeAt(i) === delimiter) {
        fields[count++] = text.slice(from, i);
        from = i + 1;
      }
    }
    fields[count++] = text.slice(from, end);
    const line = this.line++;
    if (count > 1 || end > start) this.onRecord(fields, count, line);
    return lineEnd + 1;
  }

  /** Parses the record at `start`; returns where the next one starts, or INCOMPLETE. */
  private record(text: string, start: number, final: boolean): number {
    const fields = this.fields;
    const length = text.length;
    const delimiter = this.delimiter;
    let count = 0;
    let breaks = 0;
    let pos = start;
    let c = 0;
    for (;;) {
      if (text.charCodeAt(pos) === QUOTE) {
        const end = this.quoted(text, pos, final, breaks);
        if (end === INCOMPLETE) return INCOMPLETE;
        fields[count++] = this.quotedValue;
        breaks += this.quotedBreaks;
        pos = end;
        c = text.charCodeAt(pos);
      } else {
        let end = pos;
        // Every delimiter and line break is <= 44 (","), so most characters take one comparison.
        while (end < length && ((c = text.charCodeAt(end)) > COMMA || (c !== delimiter && c !== LF && c !== CR))) end++;
        if (end === length) {
          if (!final) return INCOMPLETE;
          c = Number.NaN;
        }
        fields[count++] = text.slice(pos, end);
        pos = end;
      }
      if (c === delimiter) {
        pos++;
        continue;
      }
      if (c === CR) {
        if (pos + 1 === length && !final) return INCOMPLETE;
        if (text.charCodeAt(pos + 1) === LF) pos++;
      }
      if (pos < length) {
        pos++;
        breaks++;
      }
      break;
    }
    const line = this.line;
    this.line += breaks;
    if (count > 1 || fields[0] !== "" || text.charCodeAt(start) === QUOTE) this.onRecord(fields, count, line);
    return pos;
  }

  private quotedValue = "";
  private quotedBreaks = 0;

  /** Reads the quoted field at `start` into quotedValue; returns the position after its closing quote. */
  private quoted(text: string, start: number, final: boolean, breaksBefore: number): number {
    let value = "";
    let from = start + 1;
    let breaks = 0;
    for (;;) {
      const close = text.indexOf('"', from);
      if (close < 0 || (close === text.length - 1 && !final)) {
        if (!final) return INCOMPLETE;
        throw new DataRejected(`line ${this.line + breaksBefore}: unclosed quoted field`);
      }
      breaks += lineBreaks(text, from, close);
      if (text.charCodeAt(close + 1) === QUOTE) {
        value += text.slice(from, close + 1);
        from = close + 2;
        continue;
      }
      const after = text.charCodeAt(close + 1);
      if (close + 1 < text.length && after !== this.delimiter && after !== LF && after !== CR) {
        throw new DataRejected(`line ${this.line + breaksBefore + breaks}: unexpected text after a closing quote`);
      }
      this.quotedValue = value + text.slice(from, close);
      this.quotedBreaks = breaks;
      return close + 1;
    }
  }
}

/** Tab-separated if the first line has a tab and no comma. */
function sniffDelimiter(text: string): number {
  const newline = text.indexOf("\n");
  const header = newline < 0 ? text : text.slice(0, newline);
  return header.includes("\t") && !header.includes(",") ? TAB : COMMA;
}

function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}
