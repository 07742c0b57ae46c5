import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Platform } from "@gyre/core/platform/platform";
import * as Training from "@gyre/core/training/index";

/** Registers examples/churn so a newcomer's first push of dataset churn trains a model. */
export async function seedExamples(platform: Platform, repoRoot: string): Promise<void> {
  const pipeline = JSON.parse(
    await readFile(join(repoRoot, "examples/churn/pipeline.json"), "utf8"),
  );
  await Training.createPipeline(pipeline, platform).catch((error: { code?: string }) => {
    if (error.code !== "pipeline.exists") throw error;
  });
}
