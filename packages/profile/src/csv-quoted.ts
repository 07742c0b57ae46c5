import { DataRejected } from "./errors";

export const QUOTE = 34;
export const LF = 10;
export const CR = 13;
export const INCOMPLETE = -1;

/**
 * Reads one RFC 4180 quoted field. Its value is source[start, end): a range of the text itself
 * unless it has doubled quotes, which need a string of their own. `breaks` counts the line
 * breaks inside it, for line numbers.
 */
export class QuotedField {
  source = "";
  start = 0;
  end = 0;
  breaks = 0;

  /** Returns the position after the closing quote, or INCOMPLETE if more text is needed to tell. */
  read(text: string, open: number, final: boolean, delimiter: number, line: number): number {
    let escaped = "";
    let from = open + 1;
    let breaks = 0;
    for (;;) {
      const close = text.indexOf('"', from);
      if (close < 0 || (close === text.length - 1 && !final)) {
        if (!final) return INCOMPLETE;
        throw new DataRejected(`line ${line}: unclosed quoted field`);
      }
      breaks += lineBreaks(text, from, close);
      const after = text.charCodeAt(close + 1);
      if (after === QUOTE) {
        escaped += text.slice(from, close + 1);
        from = close + 2;
        continue;
      }
      if (close + 1 < text.length && after !== delimiter && after !== LF && after !== CR) {
        throw new DataRejected(`line ${line + breaks}: unexpected text after a closing quote`);
      }
      if (from === open + 1) {
        this.source = text;
        this.start = from;
        this.end = close;
      } else {
        this.source = escaped + text.slice(from, close);
        this.start = 0;
        this.end = this.source.length;
      }
      this.breaks = breaks;
      return close + 1;
    }
  }
}

/** Line breaks as an editor counts them: LF, CRLF and a lone CR are one each. */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}
