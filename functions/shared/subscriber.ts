import { Logger } from "@aws-lambda-powertools/logger";
import { actAs, causeOf } from "@gyre/core/platform/actor";
import type { Platform } from "@gyre/core/platform/platform";
import { Envelope } from "@gyre/events";
import type * as z from "zod";
import type { ServiceName } from "../wiring";
import { type Make, onAws } from "./handler";

type Parsed<D extends { envelope: z.ZodType<Envelope> }> = z.infer<D["envelope"]>;

/** What a subscription's code gets: the parsed event, the platform, and a logger for this event. */
export type Handle<D extends { envelope: z.ZodType<Envelope> }> = (
  event: Parsed<D>,
  platform: Platform,
  log: Logger,
) => Promise<void>;

/**
 * A subscription's handler. The event is parsed at the edge: one its schema rejects is logged
 * with its id, put in the dead letters (reason `InvalidEvent`) and acknowledged, since a retry
 * cannot fix it. A valid one is handled on behalf of its original actor and trip, and every
 * log line carries its id and correlationId.
 */
export function subscriber<D extends { envelope: z.ZodType<Envelope> }>(
  service: ServiceName,
  definition: D,
  handle: Handle<D>,
) {
  const logger = new Logger({ serviceName: service });
  const make: Make<(input: unknown) => Promise<void>> = (platform, { rule }) => {
    return async (input) => {
      const parsed = definition.envelope.safeParse(input);
      if (!parsed.success) return reject(input, parsed.error, { platform, rule, logger });
      const event = parsed.data as Parsed<D>;
      const cause = causeOf(event);
      const log = logger.createChild({
        persistentKeys: { eventId: event.id, correlationId: cause.correlationId },
      });
      await actAs(cause, () => handle(event, platform, log));
    };
  };
  return { make, lambda: onAws(make) };
}

async function reject(
  input: unknown,
  error: z.ZodError,
  { platform, rule, logger }: { platform: Platform; rule: string; logger: Logger },
): Promise<void> {
  const problem = error.issues
    .map((issue) => `${issue.path.join(".") || "(event)"}: ${issue.message}`)
    .join("; ");
  const envelope = Envelope.safeParse(input);
  const id = envelope.success ? envelope.data.id : undefined;
  logger.error("event rejected by its schema; sent to the dead letters, not retried", {
    eventId: id,
    correlationId: correlationOf(input),
    rule,
    problem,
  });
  if (!envelope.success) return;
  const now = Date.now();
  await platform.deadLetters.put({
    rule,
    event: envelope.data,
    reason: "InvalidEvent",
    error: { name: "InvalidEvent", message: problem },
    attempts: 1,
    firstAttemptAt: Date.parse(envelope.data.time) || now,
    lastAttemptAt: now,
  });
}

function correlationOf(input: unknown): string | undefined {
  const detail = (input as { detail?: { metadata?: { correlationId?: unknown } } })?.detail;
  const id = detail?.metadata?.correlationId;
  return typeof id === "string" ? id : undefined;
}
