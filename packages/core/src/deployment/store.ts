import { DeleteCommand, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ServeSpec } from "@gyre/events/shared";
import * as z from "zod";
import type { Announcement } from "../platform/outbox/announcement";
import type { Db } from "../platform/state/client";
import { indexKey, primaryKey, sortableNumber } from "../platform/state/keys";
import { allPages, type Page, queryPage } from "../platform/state/pages";
import { putRevised } from "../platform/state/revision";
import { tableName } from "../platform/state/tables";
import { Deployment } from "./deployment";
import { Endpoint } from "./endpoint";

/** The deployment service's own record of a model version, built from registry events. */
export const KnownVersion = z.object({
  model: z.string(),
  version: z.number().int().positive(),
  artifactUri: z.string(),
  approved: z.boolean(),
  dataset: z.object({ name: z.string(), version: z.number() }).nullable(),
  serve: ServeSpec.nullable(),
});
export type KnownVersion = z.infer<typeof KnownVersion>;

const table = () => tableName("deployment");
const endpointKey = (name: string) => ({ pk: `endpoint#${name}`, sk: "endpoint" });
export const deploymentKey = (id: string) => ({ pk: "deployments", sk: `dep#${id}` });
const versionKey = (model: string, version: number) => ({
  pk: `model#${model}`,
  sk: `v#${sortableNumber(version)}`,
});

/** Endpoints, deployments and known versions in the deployment table, through `db`. */
export function deploymentStore(db: Db) {
  const get = async (key: Record<string, string>) =>
    (await db.send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }))).Item;

  async function getEndpoint(name: string): Promise<Endpoint | undefined> {
    const item = await get(endpointKey(name));
    return item ? Endpoint.parse(item) : undefined;
  }

  /** A new endpoint (false if the name is taken), or a revised one (false if it moved on). */
  function saveEndpoint(endpoint: Endpoint, isNew = false): Promise<boolean> {
    const item = { ...endpointKey(endpoint.name), gsi1pk: "endpoints", gsi1sk: endpoint.name };
    return putRevised(db, table(), { ...item, ...endpoint }, isNew);
  }

  async function listEndpoints(limit: number, cursor?: string): Promise<Page<Endpoint>> {
    const page = await queryPage(
      db,
      {
        TableName: table(),
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :all",
        ExpressionAttributeValues: { ":all": "endpoints" },
      },
      { limit, cursor, keyOf: indexKey },
    );
    return { items: page.items.map((i) => Endpoint.parse(i)), next: page.next };
  }

  function allEndpoints(): Promise<Endpoint[]> {
    return allPages((cursor) => listEndpoints(100, cursor));
  }

  async function getDeployment(id: string): Promise<Deployment | undefined> {
    const item = await get(deploymentKey(id));
    return item ? Deployment.parse(item) : undefined;
  }

  /** Writes the deployment (see putRevised) with the events its change announces. */
  function saveDeployment(
    deployment: Deployment,
    isNew = false,
    announcements: Announcement[] = [],
  ): Promise<boolean> {
    const item = {
      ...deploymentKey(deployment.id),
      gsi1pk: `endpoint#${deployment.endpoint}#deployments`,
      gsi1sk: deployment.id,
    };
    return putRevised(db, table(), { ...item, ...deployment }, isNew, announcements);
  }

  /** Removes a deployment that never started (its endpoint went to another meanwhile). */
  async function deleteDeployment(id: string): Promise<void> {
    await db.send(new DeleteCommand({ TableName: table(), Key: deploymentKey(id) }));
  }

  async function listDeployments(query: {
    endpoint?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<Deployment>> {
    const byEndpoint = query.endpoint !== undefined;
    const page = await queryPage(
      db,
      {
        TableName: table(),
        ...(byEndpoint ? { IndexName: "gsi1" } : {}),
        KeyConditionExpression: byEndpoint ? "gsi1pk = :pk" : "pk = :pk",
        ExpressionAttributeValues: {
          ":pk": byEndpoint ? `endpoint#${query.endpoint}#deployments` : "deployments",
        },
        ScanIndexForward: false,
      },
      { limit: query.limit, cursor: query.cursor, keyOf: byEndpoint ? indexKey : primaryKey },
    );
    return { items: page.items.map((i) => Deployment.parse(i)), next: page.next };
  }

  async function getVersion(model: string, version: number): Promise<KnownVersion | undefined> {
    const item = await get(versionKey(model, version));
    return item ? KnownVersion.parse(item) : undefined;
  }

  /** Merges one event's knowledge in one atomic write: approval is never undone, null never overwrites. */
  async function mergeVersion(version: KnownVersion): Promise<void> {
    const set = ["artifactUri = :uri", "#model = :model", "#version = :version"];
    const values: Record<string, unknown> = {
      ":uri": version.artifactUri,
      ":model": version.model,
      ":version": version.version,
      ":approved": version.approved,
    };
    set.push(
      version.approved ? "approved = :approved" : "approved = if_not_exists(approved, :approved)",
    );
    for (const field of ["dataset", "serve"] as const) {
      if (version[field]) {
        set.push(`${field} = :${field}`);
        values[`:${field}`] = version[field];
      } else {
        set.push(`${field} = if_not_exists(${field}, :null)`);
        values[":null"] = null;
      }
    }
    await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: versionKey(version.model, version.version),
        UpdateExpression: `SET ${set.join(", ")}`,
        ExpressionAttributeNames: { "#model": "model", "#version": "version" },
        ExpressionAttributeValues: values,
      }),
    );
  }

  return {
    getEndpoint,
    saveEndpoint,
    listEndpoints,
    allEndpoints,
    getDeployment,
    saveDeployment,
    deleteDeployment,
    listDeployments,
    getVersion,
    mergeVersion,
  };
}
