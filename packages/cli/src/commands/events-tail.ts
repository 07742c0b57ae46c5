import type { ApiClient } from "../client";

interface Envelope {
  id: string;
  time: string;
  source: string;
  "detail-type": string;
  detail: unknown;
}

export interface TailOptions {
  source?: string;
  detailType?: string;
  since?: string;
  json?: boolean;
  intervalMs?: number;
  signal?: AbortSignal;
}

/** Polls GET /events for events received since the last poll and prints them oldest first. */
export async function tailEvents(client: ApiClient, options: TailOptions): Promise<void> {
  const seen = new Set<string>();
  let since = options.since ? new Date(options.since) : new Date();
  if (Number.isNaN(since.getTime())) throw new Error(`--since ${options.since} is not an ISO time`);
  while (!options.signal?.aborted) {
    const pollStarted = new Date();
    const fresh = (await fetchSince(client, since, options)).filter((e) => !seen.has(e.id));
    for (const event of fresh.reverse()) {
      seen.add(event.id);
      console.log(options.json ? JSON.stringify(event) : describe(event));
    }
    since = new Date(pollStarted.getTime() - 2000);
    if (seen.size > 10_000) seen.clear();
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 1000));
  }
}

async function fetchSince(
  client: ApiClient,
  since: Date,
  options: TailOptions,
): Promise<Envelope[]> {
  const events: Envelope[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ since: since.toISOString(), limit: "100" });
    if (options.source) query.set("source", options.source);
    if (options.detailType) query.set("detailType", options.detailType);
    if (cursor) query.set("cursor", cursor);
    const page: { items: Envelope[]; next: string | null } = await client.request(
      "GET",
      `/events?${query}`,
    );
    events.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return events;
}

function describe(event: Envelope): string {
  const detail = JSON.stringify(event.detail);
  return `${event.time}  ${event.source}  ${event["detail-type"]}  ${detail.length > 160 ? `${detail.slice(0, 157)}...` : detail}`;
}
