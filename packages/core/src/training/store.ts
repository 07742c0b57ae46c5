import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Announcement } from "../platform/outbox/announcement";
import { putAnnouncing } from "../platform/outbox/write";
import type { Db } from "../platform/state/client";
import { conditional, indexKey, isConditionFailure, primaryKey } from "../platform/state/keys";
import { allPages, type Page, queryPage } from "../platform/state/pages";
import { tableName } from "../platform/state/tables";
import { Pipeline } from "./pipeline";
import { Run, type RunStatus } from "./run";

const table = () => tableName("training");
const pipelineKey = (name: string) => ({ pk: `pipeline#${name}`, sk: "pipeline" });
export const runKey = (id: string) => ({ pk: "runs", sk: `run#${id}` });

/** Training's pipelines and runs in its table, through `db`. */
export function trainingStore(db: Db) {
  async function putPipeline(
    pipeline: Pipeline,
    options: { mustExist: boolean },
  ): Promise<boolean> {
    try {
      await db.send(
        new PutCommand({
          TableName: table(),
          Item: {
            ...pipelineKey(pipeline.name),
            gsi1pk: "pipelines",
            gsi1sk: pipeline.name,
            ...pipeline,
          },
          ConditionExpression: options.mustExist
            ? "attribute_exists(pk)"
            : "attribute_not_exists(pk)",
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async function getPipeline(
    name: string,
  ): Promise<(Pipeline & { queuedRunId?: string }) | undefined> {
    const { Item } = await db.send(
      new GetCommand({ TableName: table(), Key: pipelineKey(name), ConsistentRead: true }),
    );
    return Item
      ? { ...Pipeline.parse(Item), queuedRunId: Item.queuedRunId as string | undefined }
      : undefined;
  }

  async function listPipelines(limit: number, cursor?: string): Promise<Page<Pipeline>> {
    const page = await queryPage(
      db,
      {
        TableName: table(),
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :all",
        ExpressionAttributeValues: { ":all": "pipelines" },
      },
      { limit, cursor, keyOf: indexKey },
    );
    return { items: page.items.map((i) => Pipeline.parse(i)), next: page.next };
  }

  /** Every pipeline, for matching events to the pipelines they trigger (a Query, never a Scan). */
  function allPipelines(): Promise<Pipeline[]> {
    return allPages((cursor) => listPipelines(100, cursor));
  }

  async function updatePipeline(
    name: string,
    set: Record<string, unknown>,
    condition?: { expression: string; values: Record<string, unknown> },
  ) {
    const names = Object.keys(set);
    try {
      await db.send(
        new UpdateCommand({
          TableName: table(),
          Key: pipelineKey(name),
          UpdateExpression: `SET ${names.map((n) => `#${n} = :${n}`).join(", ")}`,
          ConditionExpression: condition
            ? `attribute_exists(pk) AND (${condition.expression})`
            : "attribute_exists(pk)",
          ExpressionAttributeNames: Object.fromEntries(names.map((n) => [`#${n}`, n])),
          ExpressionAttributeValues: {
            ...Object.fromEntries(Object.entries(set).map(([n, v]) => [`:${n}`, v])),
            ...condition?.values,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** A run's item: by id in the runs partition, and by pipeline in gsi1, newest first by ULID. */
  function runItem(run: Run) {
    return {
      ...runKey(run.id),
      gsi1pk: `pipeline#${run.pipeline}`,
      gsi1sk: `run#${run.id}`,
      ...run,
    };
  }

  /** Claims a drift report for a pipeline's retrain: false if it was claimed before. */
  function claimDrift(reportId: string, pipeline: string): Promise<boolean> {
    return conditional(
      db.send(
        new PutCommand({
          TableName: table(),
          Item: { pk: `drift#${reportId}`, sk: pipeline, at: new Date().toISOString() },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
  }

  async function putRun(run: Run): Promise<void> {
    await db.send(
      new PutCommand({
        TableName: table(),
        Item: runItem(run),
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  }

  async function getRun(id: string): Promise<Run | undefined> {
    const { Item } = await db.send(
      new GetCommand({ TableName: table(), Key: runKey(id), ConsistentRead: true }),
    );
    return Item ? Run.parse(Item) : undefined;
  }

  /**
   * Writes `run` over the stored one if nobody wrote in between (its revision is unchanged),
   * with the events that announce the change in its outbox.
   */
  function saveRun(run: Run, announcements: Announcement[] = []): Promise<boolean> {
    return putAnnouncing(
      db,
      {
        TableName: table(),
        Item: runItem({ ...run, revision: run.revision + 1 }),
        ConditionExpression: "revision = :revision",
        ExpressionAttributeValues: { ":revision": run.revision },
      },
      announcements,
    );
  }

  async function listRuns(query: {
    pipeline?: string;
    status?: RunStatus;
    limit: number;
    cursor?: string;
  }): Promise<Page<Run>> {
    const byPipeline = query.pipeline !== undefined;
    const values: Record<string, unknown> = byPipeline
      ? { ":pk": `pipeline#${query.pipeline}` }
      : { ":pk": "runs" };
    if (query.status) values[":status"] = query.status;
    const page = await queryPage(
      db,
      {
        TableName: table(),
        ...(byPipeline ? { IndexName: "gsi1" } : {}),
        KeyConditionExpression: byPipeline ? "gsi1pk = :pk" : "pk = :pk",
        ...(query.status
          ? {
              FilterExpression: "#status = :status",
              ExpressionAttributeNames: { "#status": "status" },
            }
          : {}),
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
      },
      {
        limit: query.limit,
        cursor: query.cursor,
        keyOf: byPipeline ? indexKey : primaryKey,
      },
    );
    return { items: page.items.map((i) => Run.parse(i)), next: page.next };
  }

  return {
    putPipeline,
    getPipeline,
    listPipelines,
    allPipelines,
    updatePipeline,
    claimDrift,
    putRun,
    getRun,
    saveRun,
    listRuns,
  };
}

export type TrainingStore = ReturnType<typeof trainingStore>;
