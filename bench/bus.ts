import { performance } from "node:perf_hooks";
import { LocalBus } from "@gyre/core/platform/bus/index";
import type { PutEventsEntry } from "@gyre/events";
import { benchEvents, benchRules } from "./fixtures";
import { formatRate, percentile } from "./stats";

const EVENTS = 20_000;
const BATCH = 10;

/** End-to-end throughput and delivery latency of the local bus with the realistic rule set. */
export async function benchBus(): Promise<void> {
  const rules = benchRules();
  const events = benchEvents();
  const latencies: number[] = [];
  const bus = new LocalBus();
  for (const [i, pattern] of rules.entries()) {
    bus.addRule({
      name: `rule-${i}`,
      pattern,
      target: (event) =>
        void latencies.push(performance.now() - (event.detail as { sentAt: number }).sentAt),
    });
  }

  const started = performance.now();
  for (let sent = 0; sent < EVENTS; sent += BATCH) {
    const entries: PutEventsEntry[] = [];
    for (let i = 0; i < BATCH; i++) entries.push(toEntry(events[(sent + i) % events.length]));
    await bus.putEvents(entries);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await bus.drain();
  const seconds = (performance.now() - started) / 1000;

  latencies.sort((a, b) => a - b);
  console.log(
    `bus: ${formatRate(EVENTS / seconds)} events/s end to end (${EVENTS} events, ${rules.length} rules, ${latencies.length} deliveries)`,
  );
  console.log(
    `bus: delivery latency p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms`,
  );
}

function toEntry(
  event: { source: string; "detail-type": string; detail: object } | undefined,
): PutEventsEntry {
  if (!event) throw new Error("no bench events");
  return {
    Source: event.source,
    DetailType: event["detail-type"],
    Detail: JSON.stringify({ ...event.detail, sentAt: performance.now() }),
  };
}
