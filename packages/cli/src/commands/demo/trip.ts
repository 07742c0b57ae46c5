import { type Api, ok, type Schemas } from "../../client";
import { HopFailed, poll, type Watch } from "./wait";

// biome-ignore lint/suspicious/noExplicitAny: event details are read field by field, per detail-type
export type Detail = Record<string, any>;
/** An archived event, its detail read field by field. */
export type Event = Omit<Schemas["Event"], "detail"> & { detail: Detail };

export interface Hop {
  /** What the person waits for, e.g. "the endpoint serving". */
  name: string;
  detailType: string;
  match?: (detail: Detail) => boolean;
  /** Where to look when it stalls. */
  hint?: string;
}

/** Events that end a trip short of the loop closing, and how to say why. */
const ENDINGS: Record<string, (d: Detail) => string> = {
  "Training Run Failed": (d) => `training run ${d.runId} failed: ${d.reason}`,
  "Training Run Cancelled": (d) => `training run ${d.runId} was cancelled: ${d.reason}`,
  "Model Version Rejected": (d) => `${d.model} v${d.version} was rejected: ${d.comment}`,
  "Deployment Failed": (d) => `deployment ${d.deploymentId} of v${d.version} failed: ${d.reason}`,
  "Deployment Rolled Back": (d) =>
    `deployment ${d.deploymentId} of v${d.version} rolled back: ${d.reason}`,
};

/** Every event of one trip round the loop, in the order the bus received them. */
export async function tripEvents(api: Api, correlationId: string): Promise<Event[]> {
  const events: Event[] = [];
  let cursor: string | undefined;
  do {
    const query = { correlationId, limit: 100, cursor };
    const page = await ok(api.GET("/events", { params: { query } }));
    events.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor);
  return events.reverse();
}

/** Waits for the hop's event on the trip; an event that ends the trip ends the wait, saying why. */
export function awaitHop(api: Api, correlationId: string, hop: Hop, watch: Watch): Promise<Event> {
  return poll(
    hop,
    async () => {
      const events = await tripEvents(api, correlationId);
      const ending = events.find((e) => ENDINGS[e["detail-type"]]);
      if (ending) {
        const say = ENDINGS[ending["detail-type"]] as (d: Detail) => string;
        throw new HopFailed(`The loop ended at "${hop.name}": ${say(ending.detail)}`);
      }
      return events.find(
        (e) => e["detail-type"] === hop.detailType && (hop.match?.(e.detail) ?? true),
      );
    },
    watch,
  );
}

/** The events of one detail-type since a time, newest first: for the hops before the trip is known. */
export async function recentEvents(api: Api, detailType: string, since: Date): Promise<Event[]> {
  const query = { detailType, since: since.toISOString(), limit: 100 };
  return (await ok(api.GET("/events", { params: { query } }))).items;
}
