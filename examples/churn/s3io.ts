import { gunzipSync } from "node:zlib";
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";

/**
 * Credentials, region and (locally) AWS_ENDPOINT_URL_S3 come from the environment the runner
 * sets; the local S3 needs path-style addressing and no streaming checksums.
 */
const s3 = new S3Client({
  forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
  requestChecksumCalculation: "WHEN_REQUIRED",
  responseChecksumValidation: "WHEN_REQUIRED",
});

export interface S3Location {
  bucket: string;
  key: string;
}

export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) throw new Error(`"${uri}" is not an s3://bucket/key URI`);
  return { bucket: match[1] as string, key: match[2] as string };
}

/**
 * The object at `uri`, or when it ends in "/" every object under it in key order, leaving out
 * empty objects and names starting with "_" or "." (the _SUCCESS marker), as datasets do.
 * Gzipped objects are unzipped.
 */
export async function* readObjects(uri: string): AsyncGenerator<{ uri: string; text: string }> {
  const { bucket, key } = parseS3Uri(uri);
  const keys = key === "" || key.endsWith("/") ? await listParts(bucket, key) : [key];
  if (keys.length === 0) throw new Error(`no data files under ${uri}`);
  for (const part of keys) {
    const object = await s3
      .send(new GetObjectCommand({ Bucket: bucket, Key: part }))
      .catch((error) => {
        throw new Error(`cannot read s3://${bucket}/${part}: ${error.name}: ${error.message}`);
      });
    const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
    const text = (gzipped ? gunzipSync(bytes) : Buffer.from(bytes)).toString("utf8");
    yield { uri: `s3://${bucket}/${part}`, text };
  }
}

async function listParts(bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3
      .send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }))
      .catch((error) => {
        throw new Error(`cannot list s3://${bucket}/${prefix}: ${error.name}: ${error.message}`);
      });
    for (const object of page.Contents ?? []) {
      const relative = object.Key?.slice(prefix.length).split("/") ?? [];
      const hidden = relative.some((part) => part.startsWith("_") || part.startsWith("."));
      if (object.Key && object.Size && !hidden) keys.push(object.Key);
    }
    token = page.NextContinuationToken;
  } while (token);
  return keys.sort();
}

/** Writes `value` as JSON at `relativeKey` under the `uri` prefix; returns where. */
export async function writeJson(
  uri: string,
  relativeKey: string,
  value: unknown,
  options: { pretty?: boolean } = {},
): Promise<string> {
  const { bucket, key } = parseS3Uri(uri);
  const target = `${key === "" || key.endsWith("/") ? key : `${key}/`}${relativeKey}`;
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: target,
      Body: JSON.stringify(value, null, options.pretty ? 2 : undefined),
      ContentType: "application/json",
    }),
  );
  return `s3://${bucket}/${target}`;
}
