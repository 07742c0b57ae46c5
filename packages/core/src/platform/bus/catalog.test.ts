import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AwsBatch, AwsS3, AwsSageMaker, Datasets, type Envelope, PublishError } from "@gyre/events";
import { catalog, producers } from "@gyre/events/catalog";
import { describe, expect, it } from "vitest";
import { LocalBus } from "./index";

const samples = join(dirname(fileURLToPath(import.meta.url)), "../../../../../events/test/samples");
const metadata = { actor: "ci", correlationId: "cor_1", causationId: null };

async function sample(name: string): Promise<unknown> {
  return JSON.parse(await readFile(join(samples, `${name}.json`), "utf8"));
}

const rejected = {
  dataset: "churn",
  version: 3,
  uri: "s3://gyre-data/datasets/churn/bad.csv",
  reason: "line 7: expected 5 fields, got 4",
  metadata,
};

describe("event catalog", () => {
  it("defines every detail-type DESIGN.md lists, under source gyre.<service>", () => {
    const names = Object.fromEntries(
      producers.map((p) => [p.source, p.events.map((e) => e.detailType).sort()]),
    );
    expect(names).toEqual({
      "gyre.datasets": ["Dataset Version Created", "Dataset Version Rejected"],
      "gyre.training": [
        "Training Run Cancelled",
        "Training Run Failed",
        "Training Run Started",
        "Training Run Succeeded",
      ],
      "gyre.registry": [
        "Model Alias Changed",
        "Model Version Approved",
        "Model Version Commented",
        "Model Version Registered",
        "Model Version Rejected",
      ],
      "gyre.deployment": [
        "Deployment Failed",
        "Deployment Rolled Back",
        "Deployment Started",
        "Deployment Succeeded",
      ],
      "gyre.monitoring": [
        "Drift Detected",
        "Model Performance Degraded",
        "Monitoring Report Created",
      ],
      "aws.s3": ["Object Created", "Object Deleted"],
      "aws.batch": ["Batch Job State Change"],
      "aws.sagemaker": [
        "SageMaker Endpoint Deployment State Change",
        "SageMaker Endpoint State Change",
      ],
    });
  });

  it("requires metadata {actor, correlationId, causationId} on every Gyre detail", () => {
    for (const event of catalog.filter((e) => e.source.startsWith("gyre."))) {
      const shape = (event.detail as unknown as { shape: Record<string, unknown> }).shape;
      expect(Object.keys(shape), event.detailType).toContain("metadata");
    }
    expect(() =>
      Datasets.DatasetVersionRejected.entry({ ...rejected, metadata: undefined as never }),
    ).toThrow();
  });

  it("gives each event the EventBridge pattern that selects it", () => {
    expect(Datasets.DatasetVersionCreated.pattern).toEqual({
      source: ["gyre.datasets"],
      "detail-type": ["Dataset Version Created"],
    });
  });

  it("publishes a validated detail that arrives in an envelope its own schema accepts", async () => {
    const bus = new LocalBus();
    const seen: Envelope[] = [];
    bus.addRule({
      name: "r",
      pattern: Datasets.DatasetVersionRejected.pattern,
      target: (e) => void seen.push(e),
    });

    const id = await Datasets.DatasetVersionRejected.publish(bus, rejected);
    await bus.drain();

    expect(seen).toHaveLength(1);
    const parsed = Datasets.DatasetVersionRejected.envelope.parse(seen[0]);
    expect(parsed.id).toBe(id);
    expect(parsed.detail).toEqual(rejected);
  });

  it("refuses to publish a detail that breaks its schema, and publishes nothing", async () => {
    const bus = new LocalBus();
    await expect(
      Datasets.DatasetVersionRejected.publish(bus, { ...rejected, version: 0 }),
    ).rejects.toThrow();
    expect(await bus.archive.range(0, Date.now())).toEqual([]);
  });

  it("throws PublishError naming the bus's error code when the entry is refused", async () => {
    const bus = new LocalBus({ maxEntryBytes: 10 });
    await expect(Datasets.DatasetVersionRejected.publish(bus, rejected)).rejects.toThrow(
      PublishError,
    );
    await expect(Datasets.DatasetVersionRejected.publish(bus, rejected)).rejects.toThrow(
      /EntryTooLarge/,
    );
  });

  it.each([
    ["s3-object-created", AwsS3.ObjectCreated],
    ["batch-job-state-change", AwsBatch.BatchJobStateChange],
    ["aws-docs/sagemaker-endpoint-state-change", AwsSageMaker.EndpointStateChange],
    ["sagemaker-endpoint-state-change-api-spelling", AwsSageMaker.EndpointStateChange],
  ])("parses AWS's documented sample event %s", async (name, definition) => {
    const event = await sample(name);
    expect(definition.envelope.safeParse(event).error).toBeUndefined();
  });
});
