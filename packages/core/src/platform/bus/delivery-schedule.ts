import type { Envelope } from "@gyre/events";

/** When, and how many times, the bus hands one event to one rule's target. */
export interface DeliverySchedule {
  /** One delay (ms) per delivery of `event` to `rule`: two entries deliver it twice. */
  delaysMs(rule: string, event: Envelope): number[];
}

export interface SeededScheduleOptions {
  seed: number;
  /** Each matched event is delivered between `min` and `max` times (default 2 to 3). */
  copies?: { min: number; max: number };
  /** Each delivery waits a random time up to this long, so events published close together arrive reordered. */
  windowMs: number;
}

/**
 * At-least-once and unordered delivery at its worst, reproducible from a seed: every matched
 * event goes to its target two or more times, each copy after a random delay within the
 * window. The draws for a delivery depend on the seed, the rule, the event's detail-type and
 * how many of those the rule has had, not on the order concurrent handlers happen to publish in.
 */
export function seededSchedule(options: SeededScheduleOptions): DeliverySchedule {
  const { min, max } = options.copies ?? { min: 2, max: 3 };
  const seen = new Map<string, number>();
  return {
    delaysMs(rule, event) {
      const key = `${rule}\u0000${event.source}\u0000${event["detail-type"]}`;
      const nth = (seen.get(key) ?? 0) + 1;
      seen.set(key, nth);
      const random = mulberry32(hash(`${options.seed}\u0000${key}\u0000${nth}`));
      const copies = min + Math.floor(random() * (max - min + 1));
      return Array.from({ length: copies }, () => Math.floor(random() * (options.windowMs + 1)));
    },
  };
}

/** A small, fast PRNG with a 32-bit state: plenty for picking delays, and easy to reseed. */
function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: turns the delivery's identity into a PRNG seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
