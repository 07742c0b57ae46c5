import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  type Announcement,
  OUTBOX,
  PENDING,
  PENDING_ATTRIBUTE,
} from "../platform/outbox/announcement";
import type { Db } from "../platform/state/client";
import {
  conditional,
  indexKey,
  isConditionFailure,
  primaryKey,
  sortableNumber,
} from "../platform/state/keys";
import { type Page, queryPage } from "../platform/state/pages";
import { tableName } from "../platform/state/tables";
import { type DatasetSummary, VersionInfo } from "./info";

const table = () => tableName("datasets");
const pk = (dataset: string) => `ds#${dataset}`;
const versionKey = (version: number) => `v#${sortableNumber(version)}`;
/** A content claim: these bytes are (being made into) this version of the dataset. */
export const claimKey = (dataset: string, sha256: string) => ({
  pk: pk(dataset),
  sk: `sha#${sha256}`,
});
const profileKey = (version: number) => `p#${sortableNumber(version)}`;

export type ProfileItem = { json: string; objectKey?: never } | { objectKey: string; json?: never };

export interface Claim {
  eventId: string;
  claimedAt: number;
  version?: number;
  published?: boolean;
}

/** The datasets service's content claims, versions, profiles and key pointers, through `db`. */
export function datasetsStore(db: Db) {
  /** Claims these bytes for a new version; returns the existing claim if someone did first. */
  async function claimContent(
    dataset: string,
    sha256: string,
    eventId: string,
  ): Promise<Claim | undefined> {
    try {
      await db.send(
        new PutCommand({
          TableName: table(),
          Item: { pk: pk(dataset), sk: `sha#${sha256}`, eventId, claimedAt: Date.now() },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const { Item } = await db.send(
        new GetCommand({
          TableName: table(),
          Key: { pk: pk(dataset), sk: `sha#${sha256}` },
          ConsistentRead: true,
        }),
      );
      return Item as Claim;
    }
  }

  async function settleClaim(
    dataset: string,
    sha256: string,
    fields: { version?: number; published?: boolean },
  ) {
    const names = Object.keys(fields);
    await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: { pk: pk(dataset), sk: `sha#${sha256}` },
        UpdateExpression: `SET ${names.map((n) => `#${n} = :${n}`).join(", ")}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((n) => [`#${n}`, n])),
        ExpressionAttributeValues: Object.fromEntries(
          Object.entries(fields).map(([n, v]) => [`:${n}`, v]),
        ),
      }),
    );
  }

  /**
   * Marks the claim published with its event in the claim item's outbox, in one write. A
   * claim announces one version, once, so its outbox holds just that event.
   */
  function announceClaim(dataset: string, sha256: string, announcement: Announcement) {
    return conditional(
      db.send(
        new UpdateCommand({
          TableName: table(),
          Key: claimKey(dataset, sha256),
          UpdateExpression: "SET published = :yes, #outbox = :outbox, #pending = :pending",
          ConditionExpression:
            "attribute_exists(pk) AND (attribute_not_exists(published) OR published = :no)",
          ExpressionAttributeNames: { "#outbox": OUTBOX, "#pending": PENDING_ATTRIBUTE },
          ExpressionAttributeValues: {
            ":yes": true,
            ":no": false,
            ":outbox": { [announcement.key]: announcement.entry },
            ":pending": PENDING,
          },
        }),
      ),
    );
  }

  /** The newest versions first (for allocation and crash recovery). */
  async function latestVersions(dataset: string, limit: number): Promise<VersionInfo[]> {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :v)",
        ExpressionAttributeValues: { ":pk": pk(dataset), ":v": "v#" },
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return Items.map((item) => VersionInfo.parse(item));
  }

  /** Reads the content's claim, as written (after a conditional write lost to it). */
  async function getClaim(dataset: string, sha256: string): Promise<Claim | undefined> {
    const { Item } = await db.send(
      new GetCommand({
        TableName: table(),
        Key: { pk: pk(dataset), sk: `sha#${sha256}` },
        ConsistentRead: true,
      }),
    );
    return Item as Claim | undefined;
  }

  /** Moves the claim's version number from `expected` to `version`; false if it was moved first. */
  async function reserveVersion(
    dataset: string,
    sha256: string,
    expected: number | undefined,
    version: number,
  ): Promise<boolean> {
    try {
      await db.send(
        new UpdateCommand({
          TableName: table(),
          Key: { pk: pk(dataset), sk: `sha#${sha256}` },
          UpdateExpression: "SET version = :version",
          ConditionExpression:
            expected === undefined ? "attribute_not_exists(version)" : "version = :expected",
          ExpressionAttributeValues: {
            ":version": version,
            ...(expected === undefined ? {} : { ":expected": expected }),
          },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  }

  /** Writes the version row unless its number is taken; answers the row that holds the number. */
  async function putVersion(version: VersionInfo): Promise<VersionInfo> {
    try {
      await db.send(
        new PutCommand({
          TableName: table(),
          Item: { pk: pk(version.dataset), sk: versionKey(version.version), ...version },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const { Item } = await db.send(
        new GetCommand({
          TableName: table(),
          Key: { pk: pk(version.dataset), sk: versionKey(version.version) },
          ConsistentRead: true,
        }),
      );
      return VersionInfo.parse(Item);
    }
    await touchDataset(version.dataset, version.version);
    return version;
  }

  async function touchDataset(dataset: string, version: number): Promise<void> {
    try {
      await db.send(
        new UpdateCommand({
          TableName: table(),
          Key: { pk: pk(dataset), sk: "meta" },
          UpdateExpression: "SET #name = :name, gsi1pk = :all, gsi1sk = :name, latestVersion = :v",
          ConditionExpression: "attribute_not_exists(latestVersion) OR latestVersion < :v",
          ExpressionAttributeNames: { "#name": "name" },
          ExpressionAttributeValues: { ":name": dataset, ":all": "datasets", ":v": version },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async function getVersion(dataset: string, version: number): Promise<VersionInfo | undefined> {
    const { Item } = await db.send(
      new GetCommand({ TableName: table(), Key: { pk: pk(dataset), sk: versionKey(version) } }),
    );
    return Item ? VersionInfo.parse(Item) : undefined;
  }

  /** A profile's item: the JSON itself, or the key of the S3 object holding it (profiles.ts). */
  async function putProfile(dataset: string, version: number, body: ProfileItem): Promise<void> {
    await db.send(
      new PutCommand({
        TableName: table(),
        Item: { pk: pk(dataset), sk: profileKey(version), ...body },
      }),
    );
  }

  async function getProfileItem(
    dataset: string,
    version: number,
  ): Promise<ProfileItem | undefined> {
    const { Item } = await db.send(
      new GetCommand({ TableName: table(), Key: { pk: pk(dataset), sk: profileKey(version) } }),
    );
    return Item as ProfileItem | undefined;
  }

  async function markDeleted(dataset: string, version: number, at: string): Promise<boolean> {
    try {
      await db.send(
        new UpdateCommand({
          TableName: table(),
          Key: { pk: pk(dataset), sk: versionKey(version) },
          UpdateExpression: "SET #status = :deleted, deletedAt = :at",
          ConditionExpression: "attribute_exists(pk) AND #status <> :deleted",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":deleted": "deleted", ":at": at },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Which version an object key currently holds, so its deletion can mark it. */
  async function pointKey(dataset: string, key: string, version: number): Promise<void> {
    await db.send(
      new PutCommand({ TableName: table(), Item: { pk: pk(dataset), sk: `obj#${key}`, version } }),
    );
  }

  async function versionAtKey(dataset: string, key: string): Promise<number | undefined> {
    const { Item } = await db.send(
      new GetCommand({ TableName: table(), Key: { pk: pk(dataset), sk: `obj#${key}` } }),
    );
    return Item?.version as number | undefined;
  }

  async function listVersions(
    dataset: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<VersionInfo>> {
    const page = await queryPage(
      db,
      {
        TableName: table(),
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :v)",
        ExpressionAttributeValues: { ":pk": pk(dataset), ":v": "v#" },
        ScanIndexForward: false,
      },
      { limit, cursor, keyOf: primaryKey },
    );
    return { items: page.items.map((item) => VersionInfo.parse(item)), next: page.next };
  }

  async function listDatasets(limit: number, cursor?: string): Promise<Page<DatasetSummary>> {
    const page = await queryPage(
      db,
      {
        TableName: table(),
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :all",
        ExpressionAttributeValues: { ":all": "datasets" },
      },
      {
        limit,
        cursor,
        keyOf: indexKey,
      },
    );
    const items = await Promise.all(
      page.items.map(async (item) => {
        const latestVersion = item.latestVersion as number;
        return {
          name: item.name as string,
          versions: latestVersion,
          latest: (await getVersion(item.name as string, latestVersion)) ?? null,
        };
      }),
    );
    return { items, next: page.next };
  }

  return {
    announceClaim,
    claimContent,
    settleClaim,
    latestVersions,
    getClaim,
    reserveVersion,
    putVersion,
    getVersion,
    putProfile,
    getProfileItem,
    markDeleted,
    pointKey,
    versionAtKey,
    listVersions,
    listDatasets,
  };
}

export type DatasetsStore = ReturnType<typeof datasetsStore>;
