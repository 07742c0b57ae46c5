import * as Training from "@gyre/core/training/index";
import { Monitoring } from "@gyre/events";
import { subscriber } from "../shared/subscriber";

/** Drift Detected: pipelines producing that model with onDrift retrain on their newest data. */
export const { make, lambda } = subscriber(
  "training",
  Monitoring.DriftDetected,
  async ({ detail }, platform, log) => {
    const runs = await Training.onDrift(detail.model, platform, detail.reportId);
    log.info("drift", { model: detail.model, runs: runs.map((r) => r.id) });
  },
);
