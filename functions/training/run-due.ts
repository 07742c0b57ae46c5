import * as Training from "@gyre/core/training/index";
import * as z from "zod";
import { type Make, onAws } from "../shared/handler";

const Due = z.object({ runId: z.string() });

/** The debounce timer fired: submit the queued run if its window has closed. */
export const make: Make<(input: unknown) => Promise<void>> = (platform) => async (input) => {
  const { runId } = Due.parse(input);
  await Training.submitRun(runId, platform);
};

export const lambda = onAws(make);
