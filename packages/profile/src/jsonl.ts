import { DataRejected } from "./errors";

const MAX_LINE = 32 << 20;

export type JsonRecordHandler = (record: Record<string, unknown>, line: number) => void;

/** Streaming JSON Lines reader: one object per line, blank lines skipped, anything else rejected with its line. */
export class JsonlReader {
  private pending = "";
  private line = 1;

  constructor(private readonly onRecord: JsonRecordHandler) {}

  push(text: string): void {
    const buffered = this.pending + text;
    let from = 0;
    for (
      let newline = buffered.indexOf("\n");
      newline >= 0;
      newline = buffered.indexOf("\n", from)
    ) {
      this.parseLine(buffered.slice(from, newline));
      from = newline + 1;
    }
    this.pending = buffered.slice(from);
    if (this.pending.length > MAX_LINE)
      throw new DataRejected(`line ${this.line}: longer than 32 MiB`);
  }

  end(): void {
    if (this.pending.length > 0) this.parseLine(this.pending);
    this.pending = "";
  }

  private parseLine(text: string): void {
    const line = this.line++;
    if (text.trim().length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new DataRejected(`line ${line}: invalid JSON: ${(error as Error).message}`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      const kind =
        value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
      throw new DataRejected(`line ${line}: expected a JSON object, got ${kind}`);
    }
    this.onRecord(value as Record<string, unknown>, line);
  }
}
