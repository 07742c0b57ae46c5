import {
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { newId } from "../platform/ids";
import type { Announcement } from "../platform/outbox/announcement";
import { putAnnouncing } from "../platform/outbox/write";
import type { Db } from "../platform/state/client";
import { conditional, indexKey, primaryKey } from "../platform/state/keys";
import { allPages, type Page, queryPage } from "../platform/state/pages";
import { Comment } from "./comment";
import { HistoryEntry } from "./history";
import {
  aliasKey,
  byStatus,
  claimKey,
  commentKey,
  commentsPk,
  deploymentsPk,
  historyPk,
  pk,
  table,
  versionHistory,
  versionKey,
} from "./keys";
import { Alias, Model, ModelVersion, type ModelVersionStatus, VersionDeployment } from "./model";
import { Policy } from "./policy";
import {
  appendHistory as appendHistoryIn,
  getItem,
  touchModel as touchModelIn,
  UNRECORDED,
  type Unrecorded,
} from "./trail";

const versionItem = (v: ModelVersion) => {
  const key = versionKey(v.model, v.version);
  return { ...key, gsi1pk: byStatus(v.model, v.status), gsi1sk: key.sk, ...v };
};

export interface RunClaim {
  runId: string;
  claimant: string;
  claimedAt: number;
  version?: number;
  published?: boolean;
}

/**
 * What an item's write carries besides itself: the events it announces (its outbox) and the
 * audit entries it makes (`unrecorded`, appended right after; see record.ts).
 */
export interface Carried {
  announcements?: Announcement[];
  unrecorded?: Unrecorded;
}

/** The registry's models, versions, run claims, policies, aliases and history, through `db`. */
export function registryStore(db: Db) {
  const get = (key: Record<string, string>) => getItem(db, key);

  async function getModel(name: string): Promise<Model | undefined> {
    const item = await get({ pk: pk(name), sk: "model" });
    return item ? Model.parse(item) : undefined;
  }

  /** Creates the model on its first version and moves latestVersion up, never down. */
  const touchModel = (name: string, version: number, at: string) =>
    touchModelIn(db, name, version, at);

  async function listModels(limit: number, cursor?: string): Promise<Page<Model>> {
    const page = await queryPage(
      db,
      {
        TableName: table(),
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :all",
        ExpressionAttributeValues: { ":all": "models" },
      },
      { limit, cursor, keyOf: indexKey },
    );
    return { items: page.items.map((i) => Model.parse(i)), next: page.next };
  }

  /** Up to `limit` model names in order, after `after` (from the first without it). */
  async function modelNamesAfter(after: string | undefined, limit: number): Promise<string[]> {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: table(),
        IndexName: "gsi1",
        KeyConditionExpression:
          after === undefined ? "gsi1pk = :all" : "gsi1pk = :all AND gsi1sk > :after",
        ExpressionAttributeValues: {
          ":all": "models",
          ...(after === undefined ? {} : { ":after": after }),
        },
        Limit: limit,
      }),
    );
    return Items.map((i) => i.name as string);
  }

  async function newestVersionNumber(model: string): Promise<number> {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :v)",
        ExpressionAttributeValues: { ":pk": pk(model), ":v": "v#" },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return (Items[0]?.version as number | undefined) ?? 0;
  }

  /** One Put of an item with what its change carries, through the outbox. */
  function putCarrying(
    input: Omit<PutCommandInput, "Item" | "TableName"> & { Item: Record<string, unknown> },
    carried: Carried,
  ): Promise<boolean> {
    return putAnnouncing(
      db,
      {
        ...input,
        TableName: table(),
        Item: { ...input.Item, [UNRECORDED]: carried.unrecorded ?? [] },
      },
      carried.announcements,
    );
  }

  /** Writes a new version under its number; false when that number is taken. */
  function insertVersion(version: ModelVersion, carried: Carried = {}): Promise<boolean> {
    return putCarrying(
      { Item: versionItem(version), ConditionExpression: "attribute_not_exists(pk)" },
      carried,
    );
  }

  async function getVersion(model: string, version: number): Promise<ModelVersion | undefined> {
    const item = await get(versionKey(model, version));
    return item ? ModelVersion.parse(item) : undefined;
  }

  /** Writes `version` over the stored one if nobody wrote in between (its revision is unchanged). */
  function saveVersion(
    version: ModelVersion,
    revision: number,
    carried: Carried = {},
  ): Promise<boolean> {
    return putCarrying(
      {
        Item: versionItem(version),
        ConditionExpression: "revision = :revision",
        ExpressionAttributeValues: { ":revision": revision },
      },
      carried,
    );
  }

  async function listVersions(query: {
    model: string;
    status?: ModelVersionStatus;
    limit: number;
    cursor?: string;
  }): Promise<Page<ModelVersion>> {
    const page = await queryPage(
      db,
      query.status
        ? {
            TableName: table(),
            IndexName: "gsi1",
            KeyConditionExpression: "gsi1pk = :pk",
            ExpressionAttributeValues: { ":pk": byStatus(query.model, query.status) },
            ScanIndexForward: false,
          }
        : {
            TableName: table(),
            KeyConditionExpression: "pk = :pk AND begins_with(sk, :v)",
            ExpressionAttributeValues: { ":pk": pk(query.model), ":v": "v#" },
            ScanIndexForward: false,
          },
      { limit: query.limit, cursor: query.cursor, keyOf: query.status ? indexKey : primaryKey },
    );
    return { items: page.items.map((i) => ModelVersion.parse(i)), next: page.next };
  }

  /** Claims the run for registration; returns the existing claim when it was claimed before. */
  async function claimRun(
    model: string,
    runId: string,
  ): Promise<{ claim: RunClaim; fresh: boolean }> {
    const claim: RunClaim = { runId, claimant: newId("clm"), claimedAt: Date.now() };
    const fresh = await conditional(
      db.send(
        new PutCommand({
          TableName: table(),
          Item: { ...claimKey(model, runId), ...claim },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
    if (fresh) return { claim, fresh };
    return { claim: (await get(claimKey(model, runId))) as RunClaim, fresh };
  }

  /** Updates the claim if `claimant` still holds it. */
  function updateClaim(
    model: string,
    runId: string,
    claimant: string,
    set: Partial<RunClaim>,
  ): Promise<boolean> {
    const names = Object.keys(set);
    return conditional(
      db.send(
        new UpdateCommand({
          TableName: table(),
          Key: claimKey(model, runId),
          UpdateExpression: `SET ${names.map((n) => `#${n} = :${n}`).join(", ")}`,
          ConditionExpression: "claimant = :holder",
          ExpressionAttributeNames: Object.fromEntries(names.map((n) => [`#${n}`, n])),
          ExpressionAttributeValues: {
            ...Object.fromEntries(Object.entries(set).map(([n, v]) => [`:${n}`, v])),
            ":holder": claimant,
          },
        }),
      ),
    );
  }

  async function getPolicy(model: string): Promise<Policy | undefined> {
    const item = await get({ pk: pk(model), sk: "policy" });
    return item ? Policy.parse(item.policy) : undefined;
  }

  async function putPolicy(model: string, policy: Policy): Promise<void> {
    await db.send(
      new PutCommand({ TableName: table(), Item: { pk: pk(model), sk: "policy", policy } }),
    );
  }

  async function getAlias(model: string, alias: string): Promise<Alias | undefined> {
    const item = await get({ pk: pk(model), sk: `alias#${alias}` });
    return item ? Alias.parse(item) : undefined;
  }

  async function listAliases(model: string): Promise<Alias[]> {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :a)",
        ExpressionAttributeValues: { ":pk": pk(model), ":a": "alias#" },
        ConsistentRead: true,
      }),
    );
    return Items.map((i) => Alias.parse(i));
  }

  /** Points the alias at a version if it still points where the caller saw it (or nowhere). */
  function putAlias(alias: Alias, previous: number | null, carried: Carried = {}) {
    return putCarrying(
      {
        Item: { ...aliasKey(alias.model, alias.alias), ...alias },
        ConditionExpression: previous === null ? "attribute_not_exists(pk)" : "version = :previous",
        ...(previous === null ? {} : { ExpressionAttributeValues: { ":previous": previous } }),
      },
      carried,
    );
  }

  /** Appends an entry; `id` makes a retried append of the same change a no-op, never an overwrite. */
  const appendHistory = (entry: HistoryEntry, id?: string) => appendHistoryIn(db, entry, id);

  async function listHistory(query: {
    model: string;
    version?: number;
    limit: number;
    cursor?: string;
  }): Promise<Page<HistoryEntry>> {
    const page = await queryPage(
      db,
      query.version === undefined
        ? {
            TableName: table(),
            KeyConditionExpression: "pk = :pk",
            ExpressionAttributeValues: { ":pk": historyPk(query.model) },
            ScanIndexForward: false,
          }
        : {
            TableName: table(),
            IndexName: "gsi1",
            KeyConditionExpression: "gsi1pk = :pk",
            ExpressionAttributeValues: { ":pk": versionHistory(query.model, query.version) },
            ScanIndexForward: false,
          },
      {
        limit: query.limit,
        cursor: query.cursor,
        keyOf: query.version === undefined ? primaryKey : indexKey,
      },
    );
    return { items: page.items.map((i) => HistoryEntry.parse(i)), next: page.next };
  }

  /** Appends a comment; its id is fresh, so the condition only guards against an overwrite. */
  async function appendComment(comment: Comment, carried: Carried = {}): Promise<void> {
    await putCarrying(
      {
        Item: { ...commentKey(comment), ...comment },
        ConditionExpression: "attribute_not_exists(pk)",
      },
      carried,
    );
  }

  async function listComments(query: {
    model: string;
    version: number;
    limit: number;
    cursor?: string;
  }): Promise<Page<Comment>> {
    const page = await queryPage(
      db,
      {
        TableName: table(),
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": commentsPk(query.model, query.version) },
        ScanIndexForward: true,
      },
      { limit: query.limit, cursor: query.cursor, keyOf: primaryKey },
    );
    return { items: page.items.map((i) => Comment.parse(i)), next: page.next };
  }

  /** Records a deployment outcome; the same event again writes the same item. */
  async function putDeployment(
    model: string,
    version: number,
    deployment: VersionDeployment,
  ): Promise<void> {
    await db.send(
      new PutCommand({
        TableName: table(),
        Item: {
          pk: deploymentsPk(model, version),
          sk: `d#${deployment.deploymentId}#${deployment.outcome}`,
          ...deployment,
        },
      }),
    );
  }

  async function listDeployments(model: string, version: number): Promise<VersionDeployment[]> {
    const items = await allPages((cursor) =>
      queryPage(
        db,
        {
          TableName: table(),
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": deploymentsPk(model, version) },
        },
        { limit: 100, cursor, keyOf: primaryKey },
      ),
    );
    return items.map((i) => VersionDeployment.parse(i));
  }

  return {
    getModel,
    touchModel,
    listModels,
    modelNamesAfter,
    newestVersionNumber,
    insertVersion,
    getVersion,
    saveVersion,
    listVersions,
    claimRun,
    updateClaim,
    getPolicy,
    putPolicy,
    getAlias,
    listAliases,
    putAlias,
    appendHistory,
    listHistory,
    appendComment,
    listComments,
    putDeployment,
    listDeployments,
  };
}

export type RegistryStore = ReturnType<typeof registryStore>;
