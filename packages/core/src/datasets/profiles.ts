import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { DataProfile } from "@gyre/profile/index";
import type { Platform } from "../platform/platform";
import { datasetsStore as store } from "./store";

/**
 * Profiles up to this size sit in their DynamoDB item; larger ones (about 2.9 KB a column, so
 * from about 100 columns) go to S3, well before DynamoDB's 400 KB item limit.
 */
export const INLINE_PROFILE_BYTES = 300 * 1024;

/** Where a large profile lives: by content, so writing it again writes the same bytes. */
export const profileObjectKey = (dataset: string, sha256: string) =>
  `profiles/${dataset}/${sha256}.json`;

type ProfileDeps = Pick<Platform, "state" | "objects">;

/** Stores a version's profile, in its item or in S3; repeating it is harmless. */
export async function saveProfile(
  dataset: string,
  version: { version: number; sha256: string },
  profile: DataProfile,
  deps: ProfileDeps,
): Promise<void> {
  const json = JSON.stringify(profile);
  if (Buffer.byteLength(json) <= INLINE_PROFILE_BYTES) {
    await store(deps.state).putProfile(dataset, version.version, { json });
    return;
  }
  const key = profileObjectKey(dataset, version.sha256);
  await deps.objects.s3.send(
    new PutObjectCommand({
      Bucket: deps.objects.bucket,
      Key: key,
      Body: json,
      ContentType: "application/json",
    }),
  );
  await store(deps.state).putProfile(dataset, version.version, { objectKey: key });
}

export async function loadProfile(
  dataset: string,
  version: number,
  deps: ProfileDeps,
): Promise<DataProfile | undefined> {
  const item = await store(deps.state).getProfileItem(dataset, version);
  if (item?.json) return JSON.parse(item.json) as DataProfile;
  if (!item?.objectKey) return undefined;
  const object = await deps.objects.s3.send(
    new GetObjectCommand({ Bucket: deps.objects.bucket, Key: item.objectKey }),
  );
  return JSON.parse(await (object.Body?.transformToString() ?? "null")) as DataProfile;
}
