import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "./client";
import { type BusEvent, onBusEvent } from "./live";

export interface Query<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
  reload(): void;
}

/** Which bus events make a view stale: by source (`gyre.registry`) or any, when omitted. */
export type Stale = (event: BusEvent) => boolean;
export const fromSources =
  (...sources: string[]): Stale =>
  (event) =>
    sources.includes(event.source);

/**
 * Loads what a view shows, and loads it again (keeping what is on screen meanwhile) when a bus
 * event says it changed; so a live refresh never clears a form or the row the user has open.
 */
export function useApi<T>(load: () => Promise<T>, deps: unknown[], stale?: Stale): Query<T> {
  const [state, setState] = useState<Omit<Query<T>, "reload">>({ loading: true });
  const generation = useRef(0);
  const run = useCallback(async (fresh: boolean) => {
    const mine = ++generation.current;
    if (fresh) setState({ loading: true });
    try {
      const data = await load();
      if (mine === generation.current) setState({ data, loading: false });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, "client", String(error));
      if (mine === generation.current) setState((s) => ({ ...s, error: apiError, loading: false }));
    }
  }, deps);
  useEffect(() => {
    void run(true);
  }, [run]);
  const staleRef = useRef(stale);
  staleRef.current = stale;
  const live = stale !== undefined;
  useEffect(() => {
    if (!live) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = onBusEvent((event) => {
      if (!staleRef.current?.(event)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void run(false), 150);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [run, live]);
  return { ...state, reload: () => void run(false) };
}
