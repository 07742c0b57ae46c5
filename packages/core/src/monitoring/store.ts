import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import type { Db } from "../platform/state/client";
import { conditional, indexKey, isConditionFailure } from "../platform/state/keys";
import { type Page, queryPage } from "../platform/state/pages";
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
const reportKey = (id: string) => ({ pk: "reports", sk: `rep#${id}` });

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

  /** Claims a capture file for a window, once: false if it was read before (a repeated event). */
  function claimFile(key: string, etag: string, windowId: string): Promise<boolean> {
    return conditional(
      db.send(
        new PutCommand({
          TableName: table(),
          Item: { pk: `capture#${key}`, sk: etag, windowId, at: new Date().toISOString() },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
  }

  /** Adds a file's rows to the window's count, if the window is still the monitor's current one. */
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
          UpdateExpression: "ADD #window.#rows :n",
          ConditionExpression: "#window.id = :id",
          ExpressionAttributeNames: { "#window": "window", "#rows": "rows" },
          ExpressionAttributeValues: { ":n": rows, ":id": windowId },
          ReturnValues: "ALL_NEW",
        }),
      );
      return (Attributes?.window as { rows: number } | undefined)?.rows;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async function rememberDataset(dataset: KnownDataset): Promise<void> {
    await db.send(
      new PutCommand({
        TableName: table(),
        Item: { ...datasetKey(dataset.name, dataset.version), ...dataset },
      }),
    );
  }

  async function getDataset(name: string, version: number): Promise<KnownDataset | undefined> {
    const item = await get(datasetKey(name, version));
    return item ? KnownDataset.parse(item) : undefined;
  }

  async function putReport(report: Report): Promise<void> {
    await db.send(
      new PutCommand({
        TableName: table(),
        Item: {
          ...reportKey(report.id),
          gsi1pk: `monitor#${report.monitorId}#reports`,
          gsi1sk: report.id,
          ...report,
        },
      }),
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
    countRows,
    rememberDataset,
    getDataset,
    putReport,
    getReport,
    listReports,
  };
}
