import * as Training from "@gyre/core/training/index";
import { z } from "zod";
import { trainingDeps } from "./deps";

const Due = z.object({ runId: z.string() });

/** The debounce timer fired: submit the queued run if its window has closed. */
export async function handler(input: unknown): Promise<void> {
  const { runId } = Due.parse(input);
  await Training.submitRun(runId, await trainingDeps());
}
