import { fetchEventSource } from "@microsoft/fetch-event-source";
import type { components } from "../api-types";
import { api, apiUrl, authHeaders, ok } from "./client";

export type BusEvent = components["schemas"]["Event"];
type Listener = (event: BusEvent) => void;
export type LiveMode = "connecting" | "streaming" | "polling";

const listeners = new Set<Listener>();
const modeListeners = new Set<(mode: LiveMode) => void>();
const POLL_MS = 1_500;
const OVERLAP_MS = 5_000;
const RETRY_MS = 2_000;
let mode: LiveMode = "connecting";
let stop: (() => void) | null = null;

/** Calls `listener` with every bus event from now on; the feed runs while anyone listens. */
export function onBusEvent(listener: Listener): () => void {
  listeners.add(listener);
  if (!stop) stop = start();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      stop?.();
      stop = null;
    }
  };
}

export function onLiveMode(listener: (mode: LiveMode) => void): () => void {
  modeListeners.add(listener);
  listener(mode);
  return () => modeListeners.delete(listener);
}

const setMode = (next: LiveMode) => {
  mode = next;
  for (const listener of modeListeners) listener(next);
};
const dispatch = (event: BusEvent) => {
  for (const listener of listeners) listener(event);
};

class NoStream extends Error {}

/** The server-sent stream of bus events, read through fetch so the token can be sent; else polling. */
function start(): () => void {
  const controller = new AbortController();
  let stopPolling: (() => void) | null = null;
  const fallBack = () => {
    if (!controller.signal.aborted && !stopPolling) stopPolling = poll();
  };
  let opened = false;
  setMode("connecting");
  fetchEventSource(`${apiUrl}/events/stream`, {
    headers: authHeaders(),
    signal: controller.signal,
    openWhenHidden: true,
    async onopen(response) {
      const type = response.headers.get("content-type") ?? "";
      if (!response.ok || !type.includes("text/event-stream")) throw new NoStream();
      opened = true;
      setMode("streaming");
    },
    onmessage(message) {
      if (message.data) dispatch(JSON.parse(message.data) as BusEvent);
    },
    onerror(error) {
      // A stream that worked and dropped is retried (with Last-Event-ID, so nothing is missed);
      // one that never opened, or a host that cannot stream, falls back to polling.
      if (error instanceof NoStream || !opened) throw error;
      setMode("connecting");
      return RETRY_MS;
    },
  }).catch(fallBack);
  return () => {
    controller.abort();
    stopPolling?.();
  };
}

/**
 * Where the host cannot stream: asks for the events received since a little before the newest
 * one seen (an event's time is when it was put, not when it was received), and passes on only
 * the ones not seen yet.
 */
function poll(): () => void {
  setMode("polling");
  const seen = new Set<string>();
  let since: string | undefined;
  let timer: ReturnType<typeof setTimeout>;
  let stopped = false;
  const tick = async () => {
    try {
      const page = await ok(api.GET("/events", { params: { query: { limit: 100, since } } }));
      const fresh = page.items.filter((e) => !seen.has(e.id)).reverse();
      for (const event of fresh) seen.add(event.id);
      if (since !== undefined) for (const event of fresh) dispatch(event);
      const newest = page.items[0]?.time;
      if (newest) since = new Date(Date.parse(newest) - OVERLAP_MS).toISOString();
      else since ??= new Date(Date.now() - OVERLAP_MS).toISOString();
      if (seen.size > 5_000) for (const id of [...seen].slice(0, 4_000)) seen.delete(id);
    } catch {
      // The next tick tries again; the pages show their own errors.
    }
    if (!stopped) timer = setTimeout(tick, POLL_MS);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
