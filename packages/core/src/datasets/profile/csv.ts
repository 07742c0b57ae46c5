import { DataRejected } from "./errors";

const QUOTE = 34;
const LF = 10;
const CR = 13;
const COMMA = 44;
const TAB = 9;
const PARSE_AT = 1 << 16;
const MAX_RECORD = 32 << 20;
const INCOMPLETE = -1;

/**
 * One record, reused for the next: field i is sources[i].slice(starts[i], ends[i]). Fields are
 * ranges of the buffered text so that numbers can be read without making a string per field;
 * only a quoted field with escaped quotes gets a string of its own.
 */
export interface CsvRecord {
  count: number;
  /** The physical line the record starts on, 1-based. */
  line: number;
  readonly sources: string[];
  readonly starts: number[];
  readonly ends: number[];
}

/**
 * Streaming RFC 4180 reader over decoded text. Line numbers count line breaks inside quoted fields,
 * as an editor shows them. Text is parsed once 64 KiB is buffered; a record cut by the end of the
 * buffer is parsed again when more text comes. Blank lines are skipped.
 */
export class CsvReader {
  private pending = "";
  private line = 1;
  private parseAt = PARSE_AT;
  private delimiter = -1;
  private readonly record: CsvRecord = { count: 0, line: 0, sources: [], starts: [], ends: [] };

  constructor(private readonly onRecord: (record: CsvRecord) => void) {}

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
        lineEnd >= 0 && (nextQuote < 0 || nextQuote > lineEnd) && (nextReturn < 0 || nextReturn >= lineEnd - 1);
      const next = plain
        ? this.plainRecord(text, pos, nextReturn === lineEnd - 1 ? lineEnd - 1 : lineEnd, lineEnd + 1)
        : this.anyRecord(text, pos, final);
      if (next === INCOMPLETE) break;
      pos = next;
    }
    this.pending = text.slice(pos);
    if (this.pending.length > MAX_RECORD) {
      throw new DataRejected(`line ${this.line}: record longer than 32 MiB (unclosed quote?)`);
    }
    this.parseAt = Math.max(PARSE_AT, this.pending.length * 2);
  }

  /** The common case: one line without quotes or a lone CR, so only delimiters matter. */
  private plainRecord(text: string, start: number, end: number, next: number): number {
    const { sources, starts, ends } = this.record;
    const delimiter = this.delimiter;
    let count = 0;
    let from = start;
    for (let i = start; i < end; i++) {
      if (text.charCodeAt(i) === delimiter) {
        sources[count] = text;
        starts[count] = from;
        ends[count++] = i;
        from = i + 1;
      }
    }
    sources[count] = text;
    starts[count] = from;
    ends[count++] = end;
    this.emit(count, 1, end > start || count > 1);
    return next;
  }

  /** Any record: quoted fields, line breaks inside them, CR line ends; INCOMPLETE if the text ends first. */
  private anyRecord(text: string, start: number, final: boolean): number {
    const { sources, starts, ends } = this.record;
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
        sources[count] = this.quotedSource;
        starts[count] = this.quotedStart;
        ends[count++] = this.quotedEnd;
        breaks += this.quotedBreaks;
        pos = end;
        c = text.charCodeAt(pos);
      } else {
        let end = pos;
        while (end < length && (c = text.charCodeAt(end)) !== delimiter && c !== LF && c !== CR) end++;
        if (end === length) {
          if (!final) return INCOMPLETE;
          c = Number.NaN;
        }
        sources[count] = text;
        starts[count] = pos;
        ends[count++] = end;
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
    this.emit(count, breaks, count > 1 || ends[0] !== starts[0] || text.charCodeAt(start) === QUOTE);
    return pos;
  }

  private emit(count: number, breaks: number, nonBlank: boolean): void {
    const record = this.record;
    record.count = count;
    record.line = this.line;
    this.line += breaks;
    if (nonBlank) this.onRecord(record);
  }

  private quotedSource = "";
  private quotedStart = 0;
  private quotedEnd = 0;
  private quotedBreaks = 0;

  /** Reads the quoted field at `start` into quoted*; returns the position after its closing quote. */
  private quoted(text: string, start: number, final: boolean, breaksBefore: number): number {
    let escaped = "";
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
        escaped += text.slice(from, close + 1);
        from = close + 2;
        continue;
      }
      const after = text.charCodeAt(close + 1);
      if (close + 1 < text.length && after !== this.delimiter && after !== LF && after !== CR) {
        throw new DataRejected(`line ${this.line + breaksBefore + breaks}: unexpected text after a closing quote`);
      }
      if (from === start + 1) {
        this.quotedSource = text;
        this.quotedStart = from;
        this.quotedEnd = close;
      } else {
        this.quotedSource = escaped + text.slice(from, close);
        this.quotedStart = 0;
        this.quotedEnd = this.quotedSource.length;
      }
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
