import { sleep } from "./sleep";

// biome-ignore lint/suspicious/noExplicitAny: the campaign reads whatever JSON the API answers
export type Json = any;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${JSON.stringify(body)}`);
  }
}

/** How long a call keeps retrying while Gyre is down or restarting. */
const OUTAGE_MS = 120_000;

/**
 * The API as a client that outlives restarts: a refused connection or a 5xx is waited out and
 * the call sent again; any other answer is returned. Calls are made so that sending twice is safe.
 */
export class CampaignApi {
  /** 5xx answers seen (each retried): a crash should never cause one, so the report lists them. */
  readonly serverErrors: string[] = [];

  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  get(path: string): Promise<Json> {
    return this.json("GET", path);
  }

  /** Every item of a list, following `next`. */
  async all(path: string): Promise<Json[]> {
    const items: Json[] = [];
    let next: string | null = null;
    do {
      const sep = path.includes("?") ? "&" : "?";
      const cursor: string = next ? `&cursor=${encodeURIComponent(next)}` : "";
      const page = await this.get(`${path}${sep}limit=100${cursor}`);
      items.push(...page.items);
      next = page.next;
    } while (next);
    return items;
  }

  async json(method: string, path: string, body?: unknown): Promise<Json> {
    const res = await this.send(method, path, {
      body: body === undefined ? undefined : JSON.stringify(body),
      contentType: "application/json",
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new ApiError(res.status, parsed, `${method} ${path}`);
    return parsed;
  }

  /** One call, sent again until Gyre answers with less than a 5xx. */
  async send(
    method: string,
    path: string,
    options: { body?: string; contentType: string },
  ): Promise<Response> {
    const deadline = Date.now() + OUTAGE_MS;
    for (;;) {
      const res = await fetch(`${this.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, "content-type": options.contentType },
        body: options.body,
      }).catch((error: Error) => error);
      if (res instanceof Response && res.status < 500) return res;
      if (res instanceof Response)
        this.serverErrors.push(`${method} ${path}: ${res.status} ${await res.text()}`);
      if (Date.now() > deadline)
        throw new Error(
          `${method} ${path}: Gyre stayed down (${String(res instanceof Response ? res.status : res.message)})`,
        );
      await sleep(250);
    }
  }
}
