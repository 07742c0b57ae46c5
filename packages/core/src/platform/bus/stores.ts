import type { Envelope } from "@gyre/events";
import type { GiveUpReason } from "./retry";

export interface ArchivedEvent {
  event: Envelope;
  /** When the bus received it, in ms since the epoch. */
  receivedAt: number;
}

/** Every event the bus accepted, for listing and replay. */
export interface EventArchive {
  append(record: ArchivedEvent): Promise<void>;
  /** Archived events received in [from, to], oldest first. */
  range(from: number, to: number): Promise<ArchivedEvent[]>;
}

export interface DeadLetter {
  rule: string;
  event: Envelope;
  reason: GiveUpReason;
  error: { name: string; message: string };
  attempts: number;
  firstAttemptAt: number;
  lastAttemptAt: number;
}

/** Events a target never accepted, kept with the last error. */
export interface DeadLetterStore {
  put(letter: DeadLetter): Promise<void>;
  list(): Promise<DeadLetter[]>;
}

export class MemoryArchive implements EventArchive {
  private readonly records: ArchivedEvent[] = [];

  async append(record: ArchivedEvent) {
    this.records.push(record);
  }

  async range(from: number, to: number) {
    return this.records.filter((r) => r.receivedAt >= from && r.receivedAt <= to);
  }
}

export class MemoryDeadLetters implements DeadLetterStore {
  private readonly letters: DeadLetter[] = [];

  async put(letter: DeadLetter) {
    this.letters.push(letter);
  }

  async list() {
    return [...this.letters];
  }
}
