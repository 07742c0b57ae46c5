import type { Envelope } from "@gyre/events";
import type { GiveUpReason } from "./retry";

export interface ArchivedEvent {
  event: Envelope;
  /** When the bus received it, in ms since the epoch. */
  receivedAt: number;
}

/** An archived event some rules have not finished delivering (nor dead-lettered). */
export interface Undelivered extends ArchivedEvent {
  rules: string[];
}

/**
 * Every event the bus accepted, for listing and replay; and, kept with it in the same write,
 * the rules still to deliver it, so a delivery a crash cut off is made after the restart.
 */
export interface EventArchive {
  append(record: ArchivedEvent, rules?: string[]): Promise<void>;
  /** Archived events received in [from, to], oldest first. */
  range(from: number, to: number): Promise<ArchivedEvent[]>;
  /** The rule has delivered the event or dead-lettered it. */
  delivered(record: ArchivedEvent, rule: string): Promise<void>;
  undelivered(): Promise<Undelivered[]>;
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
  private readonly pending = new Map<string, Set<string>>();

  async append(record: ArchivedEvent, rules: string[] = []) {
    this.records.push(record);
    if (rules.length) this.pending.set(record.event.id, new Set(rules));
  }

  async delivered(record: ArchivedEvent, rule: string) {
    const rules = this.pending.get(record.event.id);
    rules?.delete(rule);
    if (rules?.size === 0) this.pending.delete(record.event.id);
  }

  async undelivered() {
    return this.records.flatMap((record) => {
      const rules = this.pending.get(record.event.id);
      return rules ? [{ ...record, rules: [...rules] }] : [];
    });
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
