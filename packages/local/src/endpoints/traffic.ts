import type { InvokeRequest, InvokeResponse } from "@gyre/core/platform/endpoints/port";
import { PREFIX } from "@gyre/core/platform/endpoints/sagemaker-names";
import type { DataCapture } from "./capture";
import type { Fleet } from "./fleet";
import { predictionsOf, ShadowComparison } from "./shadow";

export interface Fleets {
  blue?: Fleet;
  green?: Fleet;
}

interface Shadowing {
  fleet: Fleet;
  percent: number;
  comparison: ShadowComparison;
}

/**
 * The endpoints' traffic: each endpoint's blue (serving) and green (rolling out) fleets, the
 * weighted choice between them, the shadow copies, and data capture of what was asked and
 * answered. The host decides the weights; this sends the requests.
 */
export class Traffic {
  private readonly fleets = new Map<string, Fleets>();
  private readonly shadows = new Map<string, Shadowing>();

  constructor(private readonly capture?: DataCapture) {}

  of(name: string): Fleets {
    return this.fleets.get(name) ?? {};
  }

  set(name: string, fleets: Fleets): void {
    this.fleets.set(name, fleets);
  }

  /** Forgets the endpoint's fleets and stops them. */
  async drop(name: string): Promise<void> {
    const { blue, green } = this.of(name);
    this.fleets.delete(name);
    await Promise.all([blue?.stop(), green?.stop()]);
  }

  /** Writes the captured records buffered so far (SageMaker would within seconds). */
  async flushCapture(): Promise<void> {
    await this.capture?.flush();
  }

  async close(): Promise<void> {
    for (const name of [...this.fleets.keys()]) await this.drop(name);
    await this.capture?.close();
  }

  /** Mirrors `percent` of the endpoint's answered requests to `fleet` until `stopShadow`. */
  startShadow(name: string, fleet: Fleet, percent: number): ShadowComparison {
    const comparison = new ShadowComparison();
    this.shadows.set(name, { fleet, percent, comparison });
    return comparison;
  }

  stopShadow(name: string): void {
    this.shadows.delete(name);
  }

  metrics(name: string, since: Date) {
    const { blue, green } = this.of(name);
    return [blue, green].flatMap((fleet) =>
      fleet
        ? [
            {
              variant: fleet.variant,
              version: fleet.version,
              ...fleet.stats.since(since.getTime()),
            },
          ]
        : [],
    );
  }

  async invoke(endpoint: string, request: InvokeRequest): Promise<InvokeResponse> {
    const fleet = this.route(endpoint);
    if (!fleet) {
      const body = new TextEncoder().encode(
        JSON.stringify({
          error: { code: "endpoint.no_capacity", message: `${endpoint} has no instance serving` },
        }),
      );
      return { status: 503, body, contentType: "application/json", variant: "none", version: 0 };
    }
    const { status, body, contentType } = await this.send(fleet, request);
    this.captureOf(fleet, request, { contentType, body });
    if (status < 300) this.mirror(endpoint, request, { contentType, body });
    return { status, body, contentType, variant: fleet.variant, version: fleet.version };
  }

  /** Sends a copy of the request to the shadow fleet; its answer is compared and captured, never returned. */
  private mirror(
    name: string,
    request: InvokeRequest,
    answer: { contentType: string; body: Uint8Array },
  ) {
    const shadow = this.shadows.get(name);
    if (!shadow || Math.random() * 100 >= shadow.percent) return;
    const { fleet } = shadow;
    void this.send(fleet, request).then((copy) => {
      if (!copy.reached) return;
      shadow.comparison.record(
        predictionsOf(answer.body, answer.contentType),
        predictionsOf(copy.body, copy.contentType),
      );
      this.captureOf(fleet, request, { contentType: copy.contentType, body: copy.body });
    });
  }

  /** One request to one of the fleet's instances, its outcome counted in the fleet's numbers. */
  private async send(fleet: Fleet, request: InvokeRequest) {
    const started = performance.now();
    let answer = { status: 502, body: new Uint8Array(), contentType: "text/plain", reached: false };
    try {
      const response = await fetch(`http://127.0.0.1:${fleet.port()}/invocations`, {
        method: "POST",
        body: request.body,
        headers: {
          "content-type": request.contentType,
          ...(request.accept ? { accept: request.accept } : {}),
        },
      });
      answer = {
        status: response.status,
        body: new Uint8Array(await response.arrayBuffer()),
        contentType: response.headers.get("content-type") ?? "application/octet-stream",
        reached: true,
      };
    } catch (error) {
      answer.body = new TextEncoder().encode(
        `the model server did not answer: ${(error as Error).message}`,
      );
    }
    fleet.stats.record(answer.status, performance.now() - started);
    return answer;
  }

  shift(name: string, greenShare: number): void {
    const { blue, green } = this.of(name);
    if (green) green.weight = greenShare;
    if (blue) blue.weight = green ? 1 - greenShare : 1;
  }

  private route(name: string): Fleet | undefined {
    const { blue, green } = this.of(name);
    const live = [blue, green].filter((f): f is Fleet => Boolean(f && f.weight > 0));
    const total = live.reduce((sum, f) => sum + f.weight, 0);
    let pick = Math.random() * total;
    for (const fleet of live) {
      pick -= fleet.weight;
      if (pick < 0) return fleet;
    }
    return live.at(-1);
  }

  private captureOf(
    fleet: Fleet,
    request: InvokeRequest,
    output: { contentType: string; body: Uint8Array },
  ) {
    const capture = fleet.config.dataCapture;
    if (!this.capture || !capture?.enabled || Math.random() * 100 >= capture.samplingPercent)
      return;
    const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(capture.destinationS3Uri);
    if (!match) return;
    // SageMaker's layout: <destination>/<endpoint name>/<variant>/yyyy/mm/dd/hh/<file>.jsonl
    const prefix = `${(match[2] as string).replace(/\/+$/, "")}/${PREFIX}${fleet.config.endpoint}/`;
    this.capture.record({ bucket: match[1] as string, prefix }, fleet.variant, request, output);
  }

  variants(name: string) {
    const { blue, green } = this.of(name);
    return [blue, green].flatMap((f) =>
      f
        ? [
            {
              name: f.variant,
              version: f.version,
              weight: f.weight,
              instanceCount: f.instanceCount,
            },
          ]
        : [],
    );
  }
}
