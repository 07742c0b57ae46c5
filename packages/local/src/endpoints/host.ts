import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import type {
  AlarmRule,
  EndpointConfig,
  EndpointHost,
  EndpointState,
  EndpointStatus,
  InvokeRequest,
  InvokeResponse,
  RolloutPolicy,
} from "@gyre/core/platform/endpoints/port";
import { PREFIX, sagemakerName } from "@gyre/core/platform/endpoints/sagemaker-names";
import { captureUri } from "@gyre/core/platform/objects/places";
import { AwsSageMaker, type EventPublisher } from "@gyre/events";
import { jsonFile } from "../json-file";
import { DataCapture } from "./capture";
import { Fleet } from "./fleet";
import type { ServerContext } from "./model-server";
import { bake, Cancelled, shiftsOf } from "./rollout";
import { ServerRegistry } from "./servers";
import { Traffic } from "./traffic";

export interface LocalEndpointHostOptions extends ServerContext {
  account: string;
  bus: EventPublisher;
  s3?: S3Client;
  /** The data bucket, whose `capture/` the endpoints' data capture goes to. */
  bucket: string;
  log?: (line: string) => void;
  /** How long a new server may take to answer /ping with 200 (default 20 s; SageMaker allows minutes). */
  pingTimeoutMs?: number;
}

/** What survives a restart: what the endpoint serves, and an update that was running. */
interface EndpointRecord {
  name: string;
  status: EndpointStatus;
  configName: string;
  failureReason?: string;
  createdAt: number;
  lastModified: number;
  serving: EndpointConfig | null;
  pending: {
    config: EndpointConfig;
    rollout: RolloutPolicy;
    alarms: AlarmRule[];
    startedAt: number;
  } | null;
}

const BUSY = new Set<EndpointStatus>(["Creating", "Updating", "RollingBack", "Deleting"]);

/**
 * SageMaker endpoints on one machine: each config's instances are model-server child
 * processes, a weighted router sends each invocation to the blue or the green fleet, and an
 * update shifts traffic by the rollout, bakes, watches the alarms on real outcomes, and rolls
 * back by itself, reporting only through the `SageMaker Endpoint State Change` events SageMaker
 * sends. Endpoints come back serving what they served after a restart; an update cut short by
 * the restart is rolled back.
 */
export class LocalEndpointHost implements EndpointHost {
  private readonly records = new Map<string, EndpointRecord>();
  private readonly tasks = new Set<Promise<void>>();
  private readonly traffic: Traffic;
  private readonly servers: ServerRegistry;
  private readonly context: ServerContext;
  private readonly log: (line: string) => void;
  private closing = false;
  readonly captureDestination: string;

  private constructor(private readonly options: LocalEndpointHostOptions) {
    this.captureDestination = captureUri(options.bucket);
    this.log = options.log ?? ((line) => console.log(`[endpoints] ${line}`));
    this.traffic = new Traffic(options.s3 ? new DataCapture(options.s3, this.log) : undefined);
    this.servers = new ServerRegistry(options.home);
    this.context = {
      ...options,
      onSpawn: (instance, pid) => void this.servers.add(instance, pid),
      onExit: (instance) => void this.servers.remove(instance),
    };
  }

  /** The host, serving nothing yet: `resume()` brings back what it served, once its events have listeners. */
  static async start(options: LocalEndpointHostOptions): Promise<LocalEndpointHost> {
    return new LocalEndpointHost(options);
  }

  async deploy(config: EndpointConfig, rollout: RolloutPolicy, alarms: AlarmRule[]): Promise<void> {
    sagemakerName(config.endpoint, "endpoint");
    sagemakerName(config.configName, "config");
    const existing = this.records.get(config.endpoint);
    // The same config asked for again (a deployment resumed after a crash): already accepted,
    // as the SageMaker adapter answers it.
    if (
      existing &&
      [existing.configName, existing.pending?.config.configName].includes(config.configName)
    )
      return;
    if (existing && BUSY.has(existing.status)) {
      throw new Error(
        `endpoint ${config.endpoint} is ${existing.status}; it takes one update at a time`,
      );
    }
    const now = Date.now();
    const pending = { config, rollout, alarms, startedAt: now };
    if (!existing?.serving) {
      const record: EndpointRecord = {
        name: config.endpoint,
        status: "Creating",
        configName: config.configName,
        createdAt: existing?.createdAt ?? now,
        lastModified: now,
        serving: null,
        pending,
      };
      await this.change(record);
      this.run(() => this.create(record.name));
      return;
    }
    await this.change({
      ...existing,
      status: "Updating",
      failureReason: undefined,
      lastModified: now,
      pending,
    });
    this.run(() => this.update(config.endpoint));
  }

  async describe(endpoint: string): Promise<EndpointState | undefined> {
    const record = this.records.get(endpoint);
    if (!record) return undefined;
    return {
      status: record.status,
      configName: record.configName,
      failureReason: record.failureReason,
      variants: this.traffic.variants(endpoint),
    };
  }

  async metrics(endpoint: string, since: Date) {
    return this.traffic.metrics(endpoint, since);
  }

  invoke(endpoint: string, request: InvokeRequest): Promise<InvokeResponse> {
    return this.traffic.invoke(endpoint, request);
  }

  async delete(endpoint: string): Promise<void> {
    const record = this.records.get(endpoint);
    if (!record) return;
    await this.change(
      { ...record, status: "Deleting", pending: null, lastModified: Date.now() },
      false,
    );
    this.records.delete(endpoint);
    await this.traffic.drop(endpoint);
    await rm(this.file(endpoint), { force: true });
  }

  /** Resolves once no create, update or rollback runs and the captured records are written. */
  async idle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
    await this.traffic.flushCapture();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.tasks]);
    await this.traffic.close();
    await this.servers.drained();
  }

  private async create(name: string): Promise<void> {
    const record = this.records.get(name) as EndpointRecord;
    const { config } = record.pending as NonNullable<EndpointRecord["pending"]>;
    try {
      const fleet = await Fleet.start(config, this.context, this.pingTimeout());
      fleet.weight = 1;
      this.traffic.set(name, { blue: fleet });
      await this.change({
        ...record,
        status: "InService",
        serving: config,
        pending: null,
        lastModified: Date.now(),
      });
    } catch (error) {
      const failureReason = `preflight: ${config.serving.model} v${config.serving.version}: ${(error as Error).message}`;
      await this.change({
        ...record,
        status: "Failed",
        failureReason,
        pending: null,
        lastModified: Date.now(),
      });
    }
  }

  private async update(name: string): Promise<void> {
    const record = this.records.get(name) as EndpointRecord;
    const { config, rollout, alarms, startedAt } = record.pending as NonNullable<
      EndpointRecord["pending"]
    >;
    const fleets = this.traffic.of(name);
    let green: Fleet;
    try {
      green = await Fleet.start(config, this.context, this.pingTimeout());
    } catch (error) {
      return this.rollBack(
        name,
        `preflight: v${config.serving.version}'s server: ${(error as Error).message}`,
      );
    }
    fleets.green = green;
    this.traffic.set(name, fleets);
    const deadline = startedAt + rollout.maximumExecutionTimeoutInSeconds * 1000;
    try {
      const stopped =
        rollout.shadow && (await this.shadowStage(name, green, rollout.shadow, deadline));
      if (stopped) return this.rollBack(name, stopped);
      for (const share of shiftsOf(rollout)) {
        this.traffic.shift(name, share / 100);
        await this.change({
          ...(this.records.get(name) as EndpointRecord),
          lastModified: Date.now(),
        });
        const tripped = await bake(
          green,
          alarms,
          rollout.waitIntervalInSeconds,
          deadline,
          () => this.closing,
        );
        if (tripped) return this.rollBack(name, tripped);
      }
    } catch (error) {
      if (error instanceof Cancelled) return;
      throw error;
    }
    const old = fleets.blue;
    this.traffic.set(name, { blue: green });
    green.weight = 1;
    const current = this.records.get(name) as EndpointRecord;
    await this.change({
      ...current,
      status: "InService",
      configName: config.configName,
      serving: config,
      pending: null,
      lastModified: Date.now(),
    });
    if (old) {
      old.weight = 0;
      setTimeout(() => void old.stop(), rollout.terminationWaitInSeconds * 1000).unref();
    }
  }

  /**
   * Mirrors a share of live requests to the new fleet, which answers no user, and compares its
   * predictions with the serving fleet's; too large a difference ends the update here.
   */
  private async shadowStage(
    name: string,
    green: Fleet,
    shadow: NonNullable<RolloutPolicy["shadow"]>,
    deadline: number,
  ): Promise<string | undefined> {
    const comparison = this.traffic.startShadow(name, green, shadow.percent);
    try {
      await bake(green, [], shadow.durationSeconds, deadline, () => this.closing);
    } finally {
      this.traffic.stopShadow(name);
    }
    const { requests, differingShare, meanAbsoluteDelta } = comparison.summary;
    const seen = `over ${requests} mirrored requests, ${Math.round(differingShare * 100)}% of them different`;
    this.log(
      `${name}: shadow of v${green.version}: mean prediction delta ${meanAbsoluteDelta.toFixed(4)} ${seen}`,
    );
    const max = shadow.maxPredictionDelta;
    if (max === undefined || meanAbsoluteDelta <= max) return undefined;
    return `shadow: mean prediction delta ${Math.round(meanAbsoluteDelta * 10000) / 10000} > ${max} ${seen}`;
  }

  /** Traffic back to the blue fleet, the green one stopped, InService on the old config: SageMaker's auto-rollback. */
  private async rollBack(name: string, reason: string): Promise<void> {
    const record = this.records.get(name) as EndpointRecord;
    await this.change({
      ...record,
      status: "RollingBack",
      failureReason: reason,
      lastModified: Date.now(),
    });
    this.traffic.shift(name, 0);
    const fleets = this.traffic.of(name);
    await fleets.green?.stop();
    fleets.green = undefined;
    const current = this.records.get(name) as EndpointRecord;
    await this.change({
      ...current,
      status: "InService",
      configName: current.serving?.configName ?? current.configName,
      pending: null,
      lastModified: Date.now(),
    });
  }

  /** Records the change durably, then sends the event SageMaker would. */
  private async change(record: EndpointRecord, persist = true): Promise<void> {
    this.records.set(record.name, record);
    if (persist) await jsonFile(this.file(record.name), record).write(record);
    const endpointName = `${PREFIX}${record.name}`;
    const arn = `arn:aws:sagemaker:${this.options.region}:${this.options.account}:endpoint/${endpointName}`;
    await AwsSageMaker.EndpointStateChange.publish(
      this.options.bus,
      {
        EndpointName: endpointName,
        EndpointArn: arn,
        EndpointConfigName: `${PREFIX}${record.configName}`,
        ProductionVariants: this.traffic.variants(record.name).map((v) => ({
          VariantName: v.name,
          CurrentWeight: v.weight,
          DesiredWeight: v.weight,
          CurrentInstanceCount: v.instanceCount,
          DesiredInstanceCount: v.instanceCount,
        })),
        EndpointStatus: record.status,
        ...(record.failureReason ? { FailureReason: record.failureReason } : {}),
        CreationTime: record.createdAt,
        LastModifiedTime: record.lastModified,
        Tags: {},
      },
      [arn],
    ).catch((error: Error) =>
      this.log(`${record.name}: ${record.status} event not sent (${error.message})`),
    );
  }

  private run(task: () => Promise<void>): void {
    const running = task().catch((error: Error) =>
      this.log(`endpoint task failed: ${error.stack ?? error}`),
    );
    this.tasks.add(running);
    void running.finally(() => this.tasks.delete(running));
  }

  /** After a restart: each endpoint serves its config again; an update it was running is rolled back. */
  async resume(): Promise<void> {
    await this.servers.killOrphans();
    const directory = join(this.options.home, "endpoints");
    const files = await readdir(directory).catch(() => [] as string[]);
    for (const file of files.filter((f) => f.endsWith(".json"))) {
      const record = await jsonFile<EndpointRecord>(
        join(directory, file),
        {} as EndpointRecord,
      ).read();
      if (!record.name) continue;
      this.records.set(record.name, record);
      if (!record.serving) {
        if (record.pending) this.run(() => this.create(record.name));
        continue;
      }
      try {
        const fleet = await Fleet.start(record.serving, this.context, this.pingTimeout());
        fleet.weight = 1;
        this.traffic.set(record.name, { blue: fleet });
      } catch (error) {
        await this.change({
          ...record,
          status: "Failed",
          failureReason: `restart: ${(error as Error).message}`,
        });
        continue;
      }
      const interrupted = record.pending
        ? {
            failureReason:
              "restart: the local endpoint host restarted during the update, which was rolled back",
          }
        : {};
      await this.change({
        ...record,
        ...interrupted,
        status: "InService",
        configName: record.serving.configName,
        pending: null,
        lastModified: Date.now(),
      });
    }
  }

  private file(name: string): string {
    return join(this.options.home, "endpoints", `${name}.json`);
  }

  private pingTimeout(): number {
    return this.options.pingTimeoutMs ?? 20_000;
  }
}
