import { tables } from "@gyre/core/platform/state/tables";
import { beforeAll, describe, expect, it } from "vitest";
import { apis, type ServiceApi } from "../functions/apis";
import { type Subscription, subscriptions } from "../functions/subscriptions";
import { routeKeysOf } from "./api";
import {
  ACCOUNT,
  preparePlatform,
  REGION,
  resolved,
  type Synthesized,
  synthesize,
  typeCheckInfra,
} from "./pulumi-mocks";

const INSTALL_MS = 5 * 60_000;

const eventsApi = apis.find((api) => api.service === "events") as ServiceApi;
const platformApi = apis.find((api) => api.service === "platform") as ServiceApi;
const fixtureSubscriptions: Subscription[] = [
  {
    name: "training-on-dataset",
    service: "training",
    pattern: { source: ["gyre.datasets"], "detail-type": ["Dataset Version Created"] },
    handler: "functions/training/on-dataset.ts",
    access: { tables: { training: "read-write" }, publish: true },
  },
  {
    name: "datasets-on-object",
    service: "datasets",
    pattern: {
      source: ["aws.s3"],
      "detail-type": ["Object Created"],
      detail: { object: { key: [{ prefix: "data/" }] } },
    },
    handler: "functions/datasets/on-object.ts",
    access: { tables: { datasets: "write" }, bucket: "read" },
  },
];
const fixtureApis: ServiceApi[] = [
  platformApi,
  eventsApi,
  {
    service: "datasets",
    prefixes: ["/datasets"],
    handler: "functions/datasets/api.ts",
    access: { tables: { datasets: "read-write" }, bucket: "write", publish: true },
  },
];

/** The fixtures above, for exact expectations; then the real declarations in functions/. */
let fixture: Synthesized;
let real: Synthesized;
let typeCheck: Promise<string>;

beforeAll(async () => {
  await preparePlatform();
  typeCheck = typeCheckInfra();
  typeCheck.catch(() => {});
  fixture = await synthesize({ apis: fixtureApis, subscriptions: fixtureSubscriptions });
  real = await synthesize({});
}, INSTALL_MS);

const ofType = (type: string, from = fixture) =>
  from.resources.filter((r) => r.type === `aws:${type}`);
const gyreRules = (from: Synthesized) =>
  ofType("cloudwatch/eventRule:EventRule", from).filter((r) => r.inputs.eventBusName === "GyreBus");
const spec = (name: string) => {
  const found = fixture.functions.find((s) => s.name === name);
  if (!found) throw new Error(`no function ${name}; have ${fixture.functions.map((s) => s.name)}`);
  return found;
};
const policyOf = async (name: string) => resolved(spec(name).permissions);
const busArn = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/GyreBus`;
const tableArn = (owner: string) =>
  `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${owner[0]?.toUpperCase()}${owner.slice(1)}Table`;

describe("sst.config.ts and stacks/", () => {
  it(
    "type-check against SST's platform types",
    async () => {
      await expect(typeCheck).resolves.toBe("");
    },
    INSTALL_MS,
  );
});

describe("the bus", () => {
  it("is one EventBridge bus with an archive of everything on it", () => {
    expect(ofType("cloudwatch/eventBus:EventBus")).toHaveLength(1);
    expect(ofType("cloudwatch/eventArchive:EventArchive").map((a) => a.inputs)).toEqual([
      expect.objectContaining({ eventSourceArn: busArn, retentionDays: 0 }),
    ]);
    expect(ofType("cloudwatch/eventArchive:EventArchive")[0]?.inputs.eventPattern).toBeUndefined();
  });

  it("has exactly one rule per subscription with exactly its pattern, plus the catch-all archive rule", () => {
    expect(
      gyreRules(fixture).map((r) => [r.inputs.name, JSON.parse(r.inputs.eventPattern as string)]),
    ).toEqual([
      ["gyre-archive", { source: [{ prefix: "" }] }],
      ...fixtureSubscriptions.map((s) => [s.name, s.pattern]),
    ]);
  });

  it("targets each rule at its function with a retry policy and the dead-letter queue", () => {
    const targets = ofType("cloudwatch/eventTarget:EventTarget").filter(
      (t) => t.inputs.eventBusName === "GyreBus",
    );
    const dlq = `arn:aws:sqs:${REGION}:${ACCOUNT}:GyreDeadLetters`;
    expect(targets.map((t) => t.inputs)).toEqual([
      expect.objectContaining({
        rule: "gyre-archive",
        arn: expect.stringMatching(/:function:EventsArchive$/),
      }),
      expect.objectContaining({
        rule: "training-on-dataset",
        arn: expect.stringMatching(/:function:TrainingOnDatasetHandler$/),
      }),
      expect.objectContaining({
        rule: "datasets-on-object",
        arn: expect.stringMatching(/:function:DatasetsOnObjectHandler$/),
      }),
    ]);
    for (const { inputs } of targets) {
      expect(inputs.retryPolicy).toEqual({
        maximumRetryAttempts: 185,
        maximumEventAgeInSeconds: 86400,
      });
      expect(inputs.deadLetterConfig).toEqual({ arn: dlq });
    }
  });

  it("lets only this bus's rules send to the dead-letter queue, which the dead-letter function reads", () => {
    const [policy] = ofType("sqs/queuePolicy:QueuePolicy");
    expect(JSON.parse(policy?.inputs.policy as string).Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Condition: {
          ArnLike: { "aws:SourceArn": `arn:aws:events:${REGION}:${ACCOUNT}:rule/GyreBus/*` },
        },
      }),
    ]);
    expect(ofType("lambda/eventSourceMapping:EventSourceMapping").map((m) => m.inputs)).toEqual([
      expect.objectContaining({
        functionName: "EventsDeadLetter",
        functionResponseTypes: ["ReportBatchItemFailures"],
      }),
    ]);
  });
});

describe("the data bucket", () => {
  it("sends its notifications to EventBridge, and a default-bus rule forwards them to the Gyre bus", () => {
    expect(ofType("s3/bucketNotification:BucketNotification").map((n) => n.inputs)).toEqual([
      { bucket: "GyreData-id", eventbridge: true },
    ]);
    const [forward] = ofType("cloudwatch/eventRule:EventRule").filter(
      (r) => r.inputs.eventBusName === "default",
    );
    expect(JSON.parse(forward?.inputs.eventPattern as string)).toEqual({
      source: ["aws.s3"],
      detail: { bucket: { name: ["GyreData"] } },
    });
    const [target] = ofType("cloudwatch/eventTarget:EventTarget").filter(
      (t) => t.inputs.eventBusName === "default",
    );
    expect(target?.inputs.arn).toBe(busArn);
  });
});

describe("the tables", () => {
  it("are one per owner with keys pk/sk and the index gsi1 (gsi1pk/gsi1sk)", () => {
    const created = ofType("dynamodb/table:Table");
    expect(created).toHaveLength(tables.length);
    for (const { inputs } of created) {
      expect(inputs).toMatchObject({
        billingMode: "PAY_PER_REQUEST",
        hashKey: "pk",
        rangeKey: "sk",
        globalSecondaryIndexes: [
          { name: "gsi1", hashKey: "gsi1pk", rangeKey: "gsi1sk", projectionType: "ALL" },
        ],
      });
    }
  });
});

describe("the HTTP API", () => {
  it("routes each prefix and prefix/{proxy+} to its service's function, and /health, /openapi.json, /docs", () => {
    const routes = ofType("apigatewayv2/route:Route").map((r) => [
      r.inputs.routeKey,
      r.inputs.target,
    ]);
    expect(routes).toEqual([
      ["GET /health", "integrations/PlatformApiIntegration-id"],
      ["GET /openapi.json", "integrations/PlatformApiIntegration-id"],
      ["GET /docs", "integrations/PlatformApiIntegration-id"],
      ["ANY /events", "integrations/EventsApiIntegration-id"],
      ["ANY /events/{proxy+}", "integrations/EventsApiIntegration-id"],
      ["ANY /datasets", "integrations/DatasetsApiIntegration-id"],
      ["ANY /datasets/{proxy+}", "integrations/DatasetsApiIntegration-id"],
    ]);
    expect(
      ofType("apigatewayv2/integration:Integration").map((i) => i.inputs.integrationUri),
    ).toEqual([
      expect.stringMatching(/:function:PlatformApi$/),
      expect.stringMatching(/:function:EventsApi$/),
      expect.stringMatching(/:function:DatasetsApi$/),
    ]);
  });
});

describe("functions", () => {
  it("run on nodejs22.x with the bus and their own tables in their environment", async () => {
    expect(new Set(fixture.functions.map((s) => s.runtime))).toEqual(new Set(["nodejs22.x"]));
    expect(await resolved(spec("TrainingOnDatasetHandler").environment)).toEqual({
      POWERTOOLS_SERVICE_NAME: "training",
      POWERTOOLS_METRICS_NAMESPACE: "Gyre",
      GYRE_BUS_NAME: "GyreBus",
      GYRE_BUS_ARN: busArn,
      GYRE_ARCHIVE_ARN: `arn:aws:events:${REGION}:${ACCOUNT}:archive/GyreArchive`,
      GYRE_TRAINING_TABLE: "TrainingTable",
    });
    expect(spec("EventsApi").handler).toBe("functions/events/api.handler");
  });

  it("the events API may read events and tokens, put on the Gyre bus and replay its archive, nothing more", async () => {
    expect(await policyOf("EventsApi")).toEqual([
      {
        actions: expect.arrayContaining(["dynamodb:Query"]),
        resources: [tableArn("events"), `${tableArn("events")}/index/*`],
      },
      {
        actions: expect.not.arrayContaining(["dynamodb:PutItem"]),
        resources: [tableArn("tokens"), `${tableArn("tokens")}/index/*`],
      },
      { actions: ["events:PutEvents"], resources: [busArn] },
      {
        actions: ["events:StartReplay"],
        resources: [
          `arn:aws:events:${REGION}:${ACCOUNT}:archive/GyreArchive`,
          `arn:aws:events:${REGION}:${ACCOUNT}:replay/*`,
        ],
      },
    ]);
  });

  it("the archive and dead-letter functions may only write the events table (and read the DLQ)", async () => {
    const writeEvents = {
      actions: expect.arrayContaining(["dynamodb:PutItem"]),
      resources: [tableArn("events")],
    };
    expect(await policyOf("EventsArchive")).toEqual([writeEvents]);
    expect(await policyOf("EventsDeadLetter")).toEqual([
      writeEvents,
      {
        actions: [
          "sqs:ReceiveMessage",
          "sqs:DeleteMessage",
          "sqs:ChangeMessageVisibility",
          "sqs:GetQueueAttributes",
        ],
        resources: [`arn:aws:sqs:${REGION}:${ACCOUNT}:GyreDeadLetters`],
      },
    ]);
  });

  it("a service function gets its own table and the bucket as declared, nothing else", async () => {
    expect(await policyOf("DatasetsOnObjectHandler")).toEqual([
      { actions: expect.arrayContaining(["dynamodb:PutItem"]), resources: [tableArn("datasets")] },
      { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::GyreData/*"] },
      { actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::GyreData"] },
    ]);
  });
});

describe("the real declarations in functions/", () => {
  it("get exactly one rule per subscription, with exactly its pattern", () => {
    expect(
      gyreRules(real).map((r) => [r.inputs.name, JSON.parse(r.inputs.eventPattern as string)]),
    ).toEqual([
      ["gyre-archive", { source: [{ prefix: "" }] }],
      ...subscriptions.map((s) => [s.name, s.pattern]),
    ]);
  });

  it("route every API prefix, prefix/{proxy+} and exact route, once", () => {
    const routes = ofType("apigatewayv2/route:Route", real).map((r) => r.inputs.routeKey);
    expect(routes).toEqual(apis.flatMap(routeKeysOf));
    expect(routes).toEqual(
      expect.arrayContaining(["GET /health", "GET /openapi.json", "GET /docs"]),
    );
  });

  it("let the datasets functions read objects but never write them (stacks/datasets.ts)", async () => {
    const datasetFunctions = real.functions.filter((f) => /^Datasets/.test(f.name));
    expect(datasetFunctions.map((f) => f.name).sort()).toEqual([
      "DatasetsApi",
      "DatasetsObjectCreatedHandler",
      "DatasetsObjectDeletedHandler",
    ]);
    for (const fn of datasetFunctions) {
      const actions = (await resolved(fn.permissions)).flatMap((p) => p.actions);
      expect(actions).toContain("s3:GetObject");
      expect(
        actions.filter((a) => a.startsWith("s3:") && a !== "s3:GetObject" && a !== "s3:ListBucket"),
      ).toEqual([]);
      const tables = (await resolved(fn.permissions))
        .flatMap((p) => p.resources)
        .filter((r) => r.includes(":table/"));
      expect(tables.every((t) => /table\/(Datasets|Tokens)Table/.test(t))).toBe(true);
    }
  });

  it("grant no function an action or resource wildcard", async () => {
    for (const { permissions } of [...real.functions, ...fixture.functions]) {
      for (const { actions, resources } of await resolved(permissions)) {
        expect(resources).not.toContain("*");
        expect(actions.filter((action) => action.includes("*"))).toEqual([]);
      }
    }
  });
});
