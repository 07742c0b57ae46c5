import { CR, INCOMPLETE, LF, QUOTE, QuotedField } from "./csv-quoted";
import { DataRejected } from "./errors";

const COMMA = 44;
const TAB = 9;
const PARSE_AT = 1 << 16;
const MAX_RECORD = 32 << 20;

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
  private chunks: string[] = [];
  private buffered = 0;
  private line = 1;
  private parseAt = PARSE_AT;
  private delimiter = -1;
  private delimiterText = ",";
  private readonly record: CsvRecord = { count: 0, line: 0, sources: [], starts: [], ends: [] };
  private readonly quoted = new QuotedField();

  constructor(private readonly onRecord: (record: CsvRecord) => void) {}

  push(text: string): void {
    this.chunks.push(text);
    this.buffered += text.length;
    if (this.buffered >= this.parseAt) this.parse(false);
  }

  end(): void {
    this.parse(true);
  }

  private parse(final: boolean): void {
    // join() builds one flat string, where `+=` would give a rope: every field then has the same
    // string representation, which keeps V8's charCodeAt call sites fast.
    const text = [this.pending, ...this.chunks].join("");
    this.chunks = [];
    if (this.delimiter < 0) {
      this.delimiter = sniffDelimiter(text);
      this.delimiterText = String.fromCharCode(this.delimiter);
    }
    let pos = 0;
    // Positions of the next quote, CR and LF, found once and only looked for again when passed.
    let nextQuote = text.indexOf('"');
    let nextReturn = text.indexOf("\r");
    let lineEnd = text.indexOf("\n");
    while (pos < text.length) {
      if (nextQuote >= 0 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
      if (nextReturn >= 0 && nextReturn < pos) nextReturn = text.indexOf("\r", pos);
      if (lineEnd >= 0 && lineEnd < pos) lineEnd = text.indexOf("\n", pos);
      const plain =
        lineEnd >= 0 &&
        (nextQuote < 0 || nextQuote > lineEnd) &&
        (nextReturn < 0 || nextReturn >= lineEnd - 1);
      const next = plain
        ? this.plainRecord(
            text,
            pos,
            nextReturn === lineEnd - 1 ? lineEnd - 1 : lineEnd,
            lineEnd + 1,
          )
        : this.anyRecord(text, pos, final);
      if (next === INCOMPLETE) break;
      pos = next;
    }
    this.pending = text.slice(pos);
    if (this.pending.length > MAX_RECORD) {
      throw new DataRejected(`line ${this.line}: record longer than 32 MiB (unclosed quote?)`);
    }
    this.buffered = this.pending.length;
    this.parseAt = Math.max(PARSE_AT, this.pending.length * 2);
  }

  /** The common case: one line without quotes or a lone CR, so only delimiters matter. */
  private plainRecord(text: string, start: number, end: number, next: number): number {
    const { sources, starts, ends } = this.record;
    const delimiter = this.delimiterText;
    let count = 0;
    let from = start;
    // indexOf runs natively, about twice as fast as a charCodeAt loop; it may look past the line end.
    for (
      let i = text.indexOf(delimiter, from);
      i >= 0 && i < end;
      i = text.indexOf(delimiter, from)
    ) {
      sources[count] = text;
      starts[count] = from;
      ends[count++] = i;
      from = i + 1;
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
        const quoted = this.quoted;
        const end = quoted.read(text, pos, final, delimiter, this.line + breaks);
        if (end === INCOMPLETE) return INCOMPLETE;
        sources[count] = quoted.source;
        starts[count] = quoted.start;
        ends[count++] = quoted.end;
        breaks += quoted.breaks;
        pos = end;
        c = text.charCodeAt(pos);
      } else {
        let end = pos;
        for (; end < length; end++) {
          c = text.charCodeAt(end);
          if (c === delimiter || c === LF || c === CR) break;
        }
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
    this.emit(
      count,
      breaks,
      count > 1 || ends[0] !== starts[0] || text.charCodeAt(start) === QUOTE,
    );
    return pos;
  }

  private emit(count: number, breaks: number, nonBlank: boolean): void {
    const record = this.record;
    record.count = count;
    record.line = this.line;
    this.line += breaks;
    if (nonBlank) this.onRecord(record);
  }
}

/** Tab-separated if the first line has a tab and no comma. */
function sniffDelimiter(text: string): number {
  const newline = text.indexOf("\n");
  const header = newline < 0 ? text : text.slice(0, newline);
  return header.includes("\t") && !header.includes(",") ? TAB : COMMA;
}
