import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import type { Announcement } from "../platform/outbox/announcement";
import { putAnnouncing } from "../platform/outbox/write";
import type { Db } from "../platform/state/client";
import { conditional, indexKey, isConditionFailure } from "../platform/state/keys";
import { allPages, type Page, queryPage } from "../platform/state/pages";
import { putRevised } from "../platform/state/revision";
import { tableName } from "../platform/state/tables";
import { Monitor, Report } from "./monitor";

/** Monitoring's own record of a dataset version (from Dataset Version Created): where its bytes are. */
export const KnownDataset = z.object({
  name: z.string(),
  version: z.number().int().positive(),
  uri: z.string(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
});
export type KnownDataset = z.infer<typeof KnownDataset>;

const table = () => tableName("monitoring");
const monitorKey = (endpoint: string) => ({ pk: `monitor#${endpoint}`, sk: "monitor" });
const datasetKey = (name: string, version: number) => ({
  pk: `dataset#${name}`,
  sk: `v#${version}`,
});
export const reportKey = (id: string) => ({ pk: "reports", sk: `rep#${id}` });
const claimKey = (file: { key: string; etag: string }) => ({
  pk: `capture#${file.key}`,
  sk: file.etag,
});
const claimIndex = (windowId: string, key = "") => ({
  gsi1pk: `window#${windowId}#files`,
  gsi1sk: key,
});

/** A capture file's claim: the window its rows belong to, and whether they are stored there yet. */
export const Claim = z.object({
  key: z.string(),
  etag: z.string(),
  windowId: z.string(),
  rows: z.number().int().nonnegative(),
  stored: z.boolean(),
});
export type Claim = z.infer<typeof Claim>;

/** Dataset versions read so far, per document client (a version is immutable). */
const knownDatasets = new WeakMap<Db, Map<string, KnownDataset>>();

/** Monitors, capture-file claims, known datasets and reports, in the monitoring table through `db`. */
export function monitoringStore(db: Db) {
  const get = async (key: Record<string, string>) =>
    (await db.send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }))).Item;

  async function getMonitor(endpoint: string): Promise<Monitor | undefined> {
    const item = await get(monitorKey(endpoint));
    return item ? Monitor.parse(item) : undefined;
  }

  /** Writes the monitor if it is new, or if nobody wrote in between. */
  function saveMonitor(monitor: Monitor, isNew: boolean): Promise<boolean> {
    const item = { ...monitorKey(monitor.endpoint), gsi1pk: "monitors", gsi1sk: monitor.id };
    return putRevised(db, table(), { ...item, ...monitor }, isNew);
  }

  async function listMonitors(limit: number, cursor?: string): Promise<Page<Monitor>> {
    const page = await queryPage(
      db,
      {
        TableName: table(),
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :all",
        ExpressionAttributeValues: { ":all": "monitors" },
        ScanIndexForward: false,
      },
      { limit, cursor, keyOf: indexKey },
    );
    return { items: page.items.map((i) => Monitor.parse(i)), next: page.next };
  }

  /** A monitor by its id: one query on the index, where monitors sit under their id. */
  async function findMonitor(id: string): Promise<Monitor | undefined> {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: table(),
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :all AND gsi1sk = :id",
        ExpressionAttributeValues: { ":all": "monitors", ":id": id },
      }),
    );
    return Items[0] ? Monitor.parse(Items[0]) : undefined;
  }

  /**
   * Claims a file for a window: the first claim wins, and a repeated event gets the claim as
   * it stands, never a second one. `stored`: what the file leaves is already written (capture
   * files write it before their claim), or, by default, is marked so later (markStored).
   */
  async function claimFile(
    file: { key: string; etag: string },
    windowId: string,
    rows: number,
    stored = false,
  ): Promise<{ fresh: boolean; claim: Claim }> {
    const claim: Claim = { ...file, windowId, rows, stored };
    const fresh = await conditional(
      db.send(
        new PutCommand({
          TableName: table(),
          Item: {
            ...claimKey(file),
            ...claimIndex(windowId, file.key),
            ...claim,
            at: new Date().toISOString(),
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
    if (fresh) return { fresh, claim };
    return { fresh, claim: await getClaim(file) };
  }

  async function getClaim(file: { key: string; etag: string }): Promise<Claim> {
    return Claim.parse(await get(claimKey(file)));
  }

  /** Moves a claim to the window now open, if it still sits where `claim` says. */
  function rehomeClaim(claim: Claim, to: string): Promise<boolean> {
    return conditional(
      db.send(
        new UpdateCommand({
          TableName: table(),
          Key: claimKey(claim),
          UpdateExpression: "SET windowId = :to, gsi1pk = :pk",
          ConditionExpression: "windowId = :from",
          ExpressionAttributeValues: {
            ":to": to,
            ":pk": claimIndex(to).gsi1pk,
            ":from": claim.windowId,
          },
        }),
      ),
    );
  }

  async function markStored(claim: Claim): Promise<void> {
    await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: claimKey(claim),
        UpdateExpression: "SET #stored = :yes",
        ExpressionAttributeNames: { "#stored": "stored" },
        ExpressionAttributeValues: { ":yes": true },
      }),
    );
  }

  /** Every file claimed for a window. */
  async function claimsOf(windowId: string): Promise<Claim[]> {
    const items = await allPages((cursor) =>
      queryPage(
        db,
        {
          TableName: table(),
          IndexName: "gsi1",
          KeyConditionExpression: "gsi1pk = :pk",
          ExpressionAttributeValues: { ":pk": claimIndex(windowId).gsi1pk },
        },
        { limit: 1000, cursor, keyOf: indexKey },
      ),
    );
    return items.map((item) => Claim.parse(item));
  }

  /**
   * Adds a file's rows to the window's count, if the window is still the monitor's current one
   * (a new revision, so a writer holding an older read of the monitor cannot undo it).
   */
  async function countRows(
    endpoint: string,
    windowId: string,
    rows: number,
  ): Promise<number | undefined> {
    try {
      const { Attributes } = await db.send(
        new UpdateCommand({
          TableName: table(),
          Key: monitorKey(endpoint),
          UpdateExpression: "ADD #window.#rows :n, revision :one",
          ConditionExpression: "#window.id = :id",
          ExpressionAttributeNames: { "#window": "window", "#rows": "rows" },
          ExpressionAttributeValues: { ":n": rows, ":id": windowId, ":one": 1 },
          ReturnValues: "ALL_NEW",
        }),
      );
      return (Attributes?.window as { rows: number } | undefined)?.rows;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /** Clears the pending report mark, if it is still that window's. */
  async function clearPending(endpoint: string, windowId: string): Promise<void> {
    await conditional(
      db.send(
        new UpdateCommand({
          TableName: table(),
          Key: monitorKey(endpoint),
          UpdateExpression: "SET pendingReport = :none ADD revision :one",
          ConditionExpression: "pendingReport.windowId = :id",
          ExpressionAttributeValues: { ":none": null, ":id": windowId, ":one": 1 },
        }),
      ),
    );
  }

  /** Makes the window the monitor's prediction reference, unless it has one. */
  async function setPredictionReference(endpoint: string, windowId: string): Promise<void> {
    await conditional(
      db.send(
        new UpdateCommand({
          TableName: table(),
          Key: monitorKey(endpoint),
          UpdateExpression: "SET predictionReference = :id ADD revision :one",
          ConditionExpression:
            "attribute_not_exists(predictionReference) OR predictionReference = :none",
          ExpressionAttributeValues: { ":id": windowId, ":none": null, ":one": 1 },
        }),
      ),
    );
  }

  async function rememberDataset(dataset: KnownDataset): Promise<void> {
    await db.send(
      new PutCommand({
        TableName: table(),
        Item: { ...datasetKey(dataset.name, dataset.version), ...dataset },
      }),
    );
  }

  /** A dataset version never changes once created: read once per client, then remembered. */
  async function getDataset(name: string, version: number): Promise<KnownDataset | undefined> {
    const known = knownDatasets.get(db) ?? new Map<string, KnownDataset>();
    knownDatasets.set(db, known);
    const key = `${name}\u0000${version}`;
    const cached = known.get(key);
    if (cached) return cached;
    const item = await get(datasetKey(name, version));
    const dataset = item ? KnownDataset.parse(item) : undefined;
    if (dataset) known.set(key, dataset);
    return dataset;
  }

  /** The training metrics of a registered model version, for comparing live performance with. */
  async function rememberVersion(model: string, version: number, metrics: Record<string, number>) {
    await db.send(
      new PutCommand({
        TableName: table(),
        Item: { pk: `version#${model}`, sk: `v#${version}`, model, version, metrics },
      }),
    );
  }

  async function trainingMetrics(model: string, version: number): Promise<Record<string, number>> {
    const item = await get({ pk: `version#${model}`, sk: `v#${version}` });
    return (item?.metrics as Record<string, number> | undefined) ?? {};
  }

  /** Keeps the report with the events it announces in its outbox (keeping any still pending). */
  async function putReport(report: Report, announcements: Announcement[] = []): Promise<void> {
    await putAnnouncing(
      db,
      {
        TableName: table(),
        Item: {
          ...reportKey(report.id),
          gsi1pk: `monitor#${report.monitorId}#reports`,
          gsi1sk: report.id,
          ...report,
        },
      },
      announcements,
    );
  }

  async function getReport(id: string): Promise<Report | undefined> {
    const item = await get(reportKey(id));
    return item ? Report.parse(item) : undefined;
  }

  async function listReports(
    monitorId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<Report>> {
    const page = await queryPage(
      db,
      {
        TableName: table(),
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": `monitor#${monitorId}#reports` },
        ScanIndexForward: false,
      },
      { limit, cursor, keyOf: indexKey },
    );
    return { items: page.items.map((i) => Report.parse(i)), next: page.next };
  }

  return {
    getMonitor,
    saveMonitor,
    listMonitors,
    findMonitor,
    claimFile,
    getClaim,
    rehomeClaim,
    markStored,
    claimsOf,
    countRows,
    clearPending,
    setPredictionReference,
    rememberDataset,
    getDataset,
    rememberVersion,
    trainingMetrics,
    putReport,
    getReport,
    listReports,
  };
}
