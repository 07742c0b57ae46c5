import type {
  Envelope,
  EventPublisher,
  PutEventsEntry,
  PutEventsResult,
  PutEventsResultEntry,
} from "@gyre/events";
import { VisibleError } from "../errors";
import { type CompiledPattern, compilePattern } from "../pattern/index";
import type { DeliverySchedule } from "./delivery-schedule";
import { toEnvelope } from "./envelope";
import { giveUpReason, localRetryPolicy, type RetryPolicy, retryDelayMs } from "./retry";
import {
  type ArchivedEvent,
  type DeadLetterStore,
  type EventArchive,
  MemoryArchive,
  MemoryDeadLetters,
} from "./stores";

export const MAX_ENTRIES_PER_CALL = 10;
export const MAX_ENTRY_BYTES = 1024 * 1024;

export type Target = (event: Envelope) => unknown | Promise<unknown>;

export interface Rule {
  name: string;
  pattern: unknown;
  target: Target;
  retryPolicy?: Partial<RetryPolicy>;
}

interface ActiveRule {
  name: string;
  pattern: CompiledPattern;
  target: Target;
  retryPolicy: RetryPolicy;
}

export interface LocalBusOptions {
  account?: string;
  region?: string;
  maxEntryBytes?: number;
  retryPolicy?: Partial<RetryPolicy>;
  archive?: EventArchive;
  deadLetters?: DeadLetterStore;
  now?: () => Date;
  /** Delivers each matched event this many times, this late (default: once, at once). */
  delivery?: DeliverySchedule;
  onDeliveryError?: (rule: string, event: Envelope, error: unknown, attempt: number) => void;
}

export interface ReplayRequest {
  name: string;
  from: Date;
  to: Date;
  /** Replays only archived events that match this pattern as well as a rule's. */
  pattern?: unknown;
}

/**
 * An in-process EventBridge bus: PutEvents limits and envelope, rules with
 * EventBridge pattern semantics, asynchronous at-least-once delivery with
 * retries and a dead-letter store, an archive and replay.
 */
export class LocalBus implements EventPublisher {
  readonly archive: EventArchive;
  readonly deadLetters: DeadLetterStore;
  private readonly rules = new Map<string, ActiveRule>();
  private readonly pending = new Set<Promise<void>>();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private readonly retryPolicy: RetryPolicy;
  private readonly envelopeContext;
  private closed = false;

  constructor(private readonly options: LocalBusOptions = {}) {
    this.archive = options.archive ?? new MemoryArchive();
    this.deadLetters = options.deadLetters ?? new MemoryDeadLetters();
    this.retryPolicy = { ...localRetryPolicy, ...options.retryPolicy };
    this.envelopeContext = {
      account: options.account ?? "000000000000",
      region: options.region ?? "us-east-1",
      maxEntryBytes: options.maxEntryBytes ?? MAX_ENTRY_BYTES,
      now: options.now ?? (() => new Date()),
    };
  }

  /** Adds a rule; its pattern is validated here, once (InvalidPatternError if it is not valid). */
  addRule(rule: Rule): void {
    if (this.rules.has(rule.name)) {
      throw new VisibleError(
        "conflict",
        "events.rule_exists",
        `A rule named ${rule.name} already exists.`,
      );
    }
    this.rules.set(rule.name, {
      name: rule.name,
      pattern: compilePattern(rule.pattern),
      target: rule.target,
      retryPolicy: { ...this.retryPolicy, ...rule.retryPolicy },
    });
  }

  removeRule(name: string): void {
    this.rules.delete(name);
  }

  ruleNames(): string[] {
    return [...this.rules.keys()];
  }

  async putEvents(entries: PutEventsEntry[]): Promise<PutEventsResult> {
    this.assertOpen();
    if (entries.length < 1 || entries.length > MAX_ENTRIES_PER_CALL) {
      throw new VisibleError(
        "input",
        "events.entries_count",
        `PutEvents takes 1 to ${MAX_ENTRIES_PER_CALL} entries per call; got ${entries.length}.`,
      );
    }
    const results: PutEventsResultEntry[] = [];
    for (const entry of entries) {
      const outcome = toEnvelope(entry, this.envelopeContext);
      if (!outcome.ok) {
        results.push({ ErrorCode: outcome.ErrorCode, ErrorMessage: outcome.ErrorMessage });
        continue;
      }
      const record = { event: outcome.event, receivedAt: Date.now() };
      const rules = this.matching(record.event);
      // Accepted once archived with the rules it goes to: a crash after this still delivers it.
      await this.archive.append(
        record,
        rules.map((rule) => rule.name),
      );
      for (const rule of rules) this.dispatch(rule, record);
      results.push({ EventId: outcome.event.id });
    }
    return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
  }

  /**
   * Makes the deliveries a previous bus on this archive accepted and never finished (the
   * process died): call it once the rules are added. Delivery is at least once, as on AWS.
   */
  async resume(): Promise<number> {
    this.assertOpen();
    let resumed = 0;
    for (const record of await this.archive.undelivered()) {
      for (const name of record.rules) {
        const rule = this.rules.get(name);
        if (rule) {
          this.dispatch(rule, record);
          resumed++;
        } else await this.archive.delivered(record, name);
      }
    }
    return resumed;
  }

  /** Re-delivers archived events received in [from, to] to the rules they match, marked with `replay-name`. */
  async replay(request: ReplayRequest): Promise<{ replayName: string; events: number }> {
    this.assertOpen();
    const filter = request.pattern === undefined ? undefined : compilePattern(request.pattern);
    const archived = await this.archive.range(request.from.getTime(), request.to.getTime());
    let events = 0;
    for (const { event } of archived) {
      if (event["replay-name"] || (filter && !filter.matches(event))) continue;
      const replayed = { event: { ...event, "replay-name": request.name }, receivedAt: Date.now() };
      for (const rule of this.matching(replayed.event)) this.dispatch(rule, replayed, false);
      events++;
    }
    return { replayName: request.name, events };
  }

  /** Whether no delivery is under way or waiting for a retry. */
  get idle(): boolean {
    return this.pending.size === 0;
  }

  /** Resolves once every delivery under way, retries included, has finished or given up. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Stops accepting events and drops retries that have not started; deliveries under way finish. */
  async close(): Promise<void> {
    this.closed = true;
    for (const [timer, resolve] of this.timers) {
      clearTimeout(timer);
      resolve();
    }
    this.timers.clear();
    await this.drain();
  }

  private matching(event: Envelope): ActiveRule[] {
    return [...this.rules.values()].filter((rule) => rule.pattern.matches(event));
  }

  /** Starts the rule's deliveries of the event: one, at once, unless a delivery schedule says otherwise. */
  private dispatch(rule: ActiveRule, record: ArchivedEvent, archived = true): void {
    const delays = this.options.delivery?.delaysMs(rule.name, record.event) ?? [0];
    for (const delay of delays) this.track(this.deliver(rule, record, archived, delay));
  }

  /** One rule's delivery, retried; `archived` ones are marked finished in the archive. */
  private async deliver(
    rule: ActiveRule,
    record: ArchivedEvent,
    archived: boolean,
    delayMs: number,
  ): Promise<void> {
    if (delayMs > 0) await this.wait(delayMs);
    if (await this.attempts(rule, record)) {
      // Not marked, it is delivered again after a restart: at least once, never lost.
      if (archived) await this.archive.delivered(record, rule.name).catch(() => {});
    }
  }

  /** True once delivered or dead-lettered; false if the bus closed first. */
  private async attempts(rule: ActiveRule, { event, receivedAt }: ArchivedEvent): Promise<boolean> {
    await new Promise((resolve) => setImmediate(resolve));
    for (let attempt = 1; !this.closed; attempt++) {
      try {
        await rule.target(structuredClone(event));
        return true;
      } catch (error) {
        this.options.onDeliveryError?.(rule.name, event, error, attempt);
        const delay = retryDelayMs(rule.retryPolicy, attempt);
        const reason = giveUpReason(rule.retryPolicy, attempt, Date.now() - receivedAt, delay);
        if (reason) {
          const letter = {
            rule: rule.name,
            event,
            reason,
            error: describe(error),
            attempts: attempt,
          };
          await this.deadLetters.put({
            ...letter,
            firstAttemptAt: receivedAt,
            lastAttemptAt: Date.now(),
          });
          return true;
        }
        await this.wait(delay);
      }
    }
    return false;
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.set(timer, resolve);
    });
  }

  private track(delivery: Promise<void>): void {
    this.pending.add(delivery);
    void delivery.finally(() => this.pending.delete(delivery));
  }

  private assertOpen(): void {
    if (this.closed) throw new VisibleError("conflict", "events.bus_closed", "The bus is closed.");
  }
}

function describe(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: "Error", message: String(error) };
}
