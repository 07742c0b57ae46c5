import { randomUUID } from "node:crypto";
import type { Envelope, PutEventsEntry } from "@gyre/events";
import { entrySize } from "./entry-size";

export interface EnvelopeContext {
  account: string;
  region: string;
  maxEntryBytes: number;
  now: () => Date;
}

export type EntryOutcome =
  | { ok: true; event: Envelope }
  | { ok: false; ErrorCode: string; ErrorMessage: string };

/** Turns one PutEvents entry into the event EventBridge would deliver, or the per-entry error it would report. */
export function toEnvelope(entry: Partial<PutEventsEntry>, context: EnvelopeContext): EntryOutcome {
  for (const field of ["Source", "DetailType", "Detail"] as const) {
    if (typeof entry[field] !== "string" || entry[field] === "") {
      return invalid(`Parameter ${field} is not valid. Reason: ${field} is a required argument.`);
    }
  }
  const size = entrySize(entry);
  if (size > context.maxEntryBytes) {
    return {
      ok: false,
      ErrorCode: "EntryTooLarge",
      ErrorMessage: `Entry size ${size} bytes exceeds the limit of ${context.maxEntryBytes} bytes (Source + DetailType + Detail + Resources, plus 14 for Time).`,
    };
  }
  const detail = parseDetail(entry.Detail as string);
  if (detail === undefined) {
    return {
      ok: false,
      ErrorCode: "MalformedDetail",
      ErrorMessage: "Detail is malformed: it must be a JSON object.",
    };
  }
  return {
    ok: true,
    event: {
      version: "0",
      id: randomUUID(),
      "detail-type": entry.DetailType as string,
      source: entry.Source as string,
      account: context.account,
      time: formatTime(entry.Time ?? context.now()),
      region: context.region,
      resources: entry.Resources ?? [],
      detail,
    },
  };
}

/** EventBridge's `time`: ISO 8601 in UTC to the second. */
export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function parseDetail(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function invalid(message: string): EntryOutcome {
  return { ok: false, ErrorCode: "InvalidArgument", ErrorMessage: message };
}
