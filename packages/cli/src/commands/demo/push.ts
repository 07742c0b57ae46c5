import { createHash } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { churnCsv } from "@gyre/examples/churn/generate";
import { type Api, CliError, ok, type Schemas } from "../../client";
import { bucketTarget, uploadError } from "../../s3";
import { CHURN } from "./settings";

export interface Pushed {
  key: string;
  seed: number;
  sha256: string;
  /** A moment just before the upload: the push's events are received after it. */
  since: Date;
}

/**
 * Generates churn data Gyre has not seen (the seed after the dataset's newest version, so a
 * fresh home starts at seed 1) and puts it in the bucket as any S3 client would.
 */
export async function pushChurn(
  api: Api,
  health: Schemas["Health"],
  rows: number,
  env: NodeJS.ProcessEnv,
): Promise<Pushed> {
  const seen = await datasetHashes(api);
  let seed = seen.newest + 1;
  let csv = churnCsv({ rows, seed });
  while (seen.hashes.has(sha256(csv))) csv = churnCsv({ rows, seed: ++seed });
  const target = bucketTarget(health, env);
  const key = `datasets/${CHURN}/demo-${seed}.csv`;
  const since = new Date(Date.now() - 1000);
  await target.client
    .send(new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: csv }))
    .catch((error: Error) => {
      throw new CliError(uploadError(target, key, error));
    });
  return { key, seed, sha256: sha256(csv), since };
}

async function datasetHashes(api: Api): Promise<{ newest: number; hashes: Set<string> }> {
  const page = await ok(
    api.GET("/datasets/{name}/versions", {
      params: { path: { name: CHURN }, query: { limit: 100 } },
    }),
  ).catch((error: Error) => {
    if (/dataset\.not_found/.test(error.message)) return { items: [] };
    throw error;
  });
  return {
    newest: page.items[0]?.version ?? 0,
    hashes: new Set(page.items.map((v) => v.sha256)),
  };
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
