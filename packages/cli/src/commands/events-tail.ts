import { type Api, ok, type Schemas } from "../client";

type Envelope = Schemas["Event"];

export interface TailOptions {
  source?: string;
  detailType?: string;
  since?: string;
  json?: boolean;
  intervalMs?: number;
  signal?: AbortSignal;
}

/** Polls GET /events for events received since the last poll and prints them oldest first. */
export async function tailEvents(api: Api, options: TailOptions): Promise<void> {
  const seen = new Set<string>();
  let since = options.since ? new Date(options.since) : new Date();
  if (Number.isNaN(since.getTime())) throw new Error(`--since ${options.since} is not an ISO time`);
  while (!options.signal?.aborted) {
    const pollStarted = new Date();
    const fresh = (await fetchSince(api, since, options)).filter((e) => !seen.has(e.id));
    for (const event of fresh.reverse()) {
      seen.add(event.id);
      console.log(options.json ? JSON.stringify(event) : describe(event));
    }
    since = new Date(pollStarted.getTime() - 2000);
    if (seen.size > 10_000) seen.clear();
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 1000));
  }
}

async function fetchSince(api: Api, since: Date, options: TailOptions): Promise<Envelope[]> {
  const events: Envelope[] = [];
  const query = {
    since: since.toISOString(),
    limit: 100,
    source: options.source || undefined,
    detailType: options.detailType || undefined,
    cursor: undefined as string | undefined,
  };
  do {
    const page = await ok(api.GET("/events", { params: { query } }));
    events.push(...page.items);
    query.cursor = page.next ?? undefined;
  } while (query.cursor);
  return events;
}

function describe(event: Envelope): string {
  const detail = JSON.stringify(event.detail);
  return `${event.time}  ${event.source}  ${event["detail-type"]}  ${detail.length > 160 ? `${detail.slice(0, 157)}...` : detail}`;
}
