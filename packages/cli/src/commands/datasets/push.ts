import { createReadStream } from "node:fs";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { DatasetName } from "@gyre/events/shared";
import type { Command } from "commander";
import { type Api, type ApiClient, apiClient, CliError, ok, typed } from "../../client";
import { progressBar } from "../../progress";
import { type BucketTarget, bucketTarget, uploadError } from "../../s3";
import { expectedHash, filesToPush, type LocalFile } from "./local-files";
import { printVersion, type Version, waitForVersion } from "./versions";

interface PushOptions {
  dataset: string;
  batch?: string;
  timeout: string;
  json?: boolean;
}

export function registerDataPush(program: Command, client: () => ApiClient = apiClient): void {
  program
    .command("data")
    .description("Push data to Gyre.")
    .command("push <path>")
    .description(
      "Upload a file (one version) or a folder (one multi-file version), then wait for the version Gyre makes of it.",
    )
    .requiredOption("--dataset <name>", "the dataset it becomes a version of")
    .option(
      "--batch <name>",
      "folder pushes: the batch folder name (default: the current UTC time)",
    )
    .option("--timeout <seconds>", "how long to wait for the version", "120")
    .option("--json", "print the version as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  $ gyre data push churn.csv --dataset churn\n  $ gyre data push ./exports/2026-11-26/ --dataset clicks",
    )
    .action((path: string, options: PushOptions) => push(path, options, typed(client())));
}

async function push(path: string, options: PushOptions, api: Api): Promise<void> {
  const started = Date.now();
  const name = DatasetName.safeParse(options.dataset);
  if (!name.success) {
    throw new CliError(
      `--dataset ${options.dataset}: ${name.error.issues[0]?.message ?? "not a dataset name"}.`,
    );
  }
  const { folder, files } = await filesToPush(path).catch((error: Error) => {
    throw new CliError(error.message);
  });
  const target = await reachable(api, options.dataset);
  const sha256 = await expectedHash(folder, files);
  const base = folder
    ? `datasets/${options.dataset}/${options.batch ?? batchName()}/`
    : `datasets/${options.dataset}/`;
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  const bar = progressBar(`uploading ${files.length} file${files.length === 1 ? "" : "s"}`, total);
  let done = 0;
  for (const file of files) {
    await upload(target, `${base}${file.name}`, file, (bytes) => bar.update(done + bytes));
    done += file.bytes;
  }
  if (folder) {
    const key = `${base}_SUCCESS`;
    await target.client
      .send(new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: "" }))
      .catch((error: Error) => {
        throw new CliError(uploadError(target, key, error));
      });
  }
  bar.finish();
  const version: Version = await waitForVersion(
    api,
    options.dataset,
    sha256,
    Number(options.timeout) * 1000,
  );
  if (!options.json && Date.parse(version.createdAt) < started) {
    console.log(`Same bytes as ${options.dataset} version ${version.version}: no new version.`);
  }
  printVersion(version, options.json);
  if (version.status === "rejected") process.exitCode = 1;
}

/**
 * Asks Gyre before anything is uploaded, so a push it would refuse leaves no object behind:
 * the API answers (and says where its S3 is), and the token is one it knows.
 */
async function reachable(api: Api, dataset: string): Promise<BucketTarget> {
  const health = await ok(api.GET("/health"));
  await ok(
    api.GET("/datasets/{name}/versions", {
      params: { path: { name: dataset }, query: { limit: 1 } },
    }),
  ).catch((error: Error) => {
    if (!/dataset\.not_found/.test(error.message)) throw error;
  });
  return bucketTarget(health);
}

const PART_BYTES = 8 * 1024 * 1024;

async function upload(
  target: BucketTarget,
  key: string,
  file: LocalFile,
  onBytes: (n: number) => void,
) {
  if (file.bytes <= PART_BYTES) {
    const body = createReadStream(file.path);
    await target.client
      .send(
        new PutObjectCommand({
          Bucket: target.bucket,
          Key: key,
          Body: body,
          ContentLength: file.bytes,
        }),
      )
      .catch((error: Error) => {
        throw new CliError(uploadError(target, key, error));
      });
    onBytes(file.bytes);
    return;
  }
  const upload = new Upload({
    client: target.client,
    params: {
      Bucket: target.bucket,
      Key: key,
      Body: createReadStream(file.path),
      ContentLength: file.bytes,
    },
    partSize: PART_BYTES,
    queueSize: 4,
  });
  upload.on("httpUploadProgress", (progress) => onBytes(progress.loaded ?? 0));
  try {
    await upload.done();
  } catch (error) {
    throw new CliError(uploadError(target, key, error as Error));
  }
}

function batchName(): string {
  return new Date()
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-");
}
