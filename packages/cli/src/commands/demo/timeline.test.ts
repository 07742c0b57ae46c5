import { describe, expect, it } from "vitest";
import { buildTimeline, formatTimeline } from "./timeline";
import type { Event } from "./trip";

function event(detailType: string, time: string, detail: Record<string, unknown>): Event {
  return {
    ...{ version: "0", id: `${detailType}-${time}`, "detail-type": detailType },
    ...{ source: "gyre.test", account: "0", region: "us-east-1", resources: [] },
    time,
    detail,
  };
}

const push = event("Object Created", "2026-12-03T10:00:00Z", {
  bucket: { name: "gyre-data" },
  object: { key: "datasets/churn/demo-1.csv" },
});
const trip = [
  event("Dataset Version Created", "2026-12-03T10:00:01Z", {
    dataset: "churn",
    version: 1,
    rows: 5,
  }),
  event("Deployment Succeeded", "2026-12-03T10:00:09Z", {
    endpoint: "churn",
    model: "churn",
    version: 1,
  }),
  event("Drift Detected", "2026-12-03T10:00:12Z", {
    model: "churn",
    version: 1,
    features: [{ feature: "tenure" }, { feature: "plan" }],
  }),
  event("Model Version Registered", "2026-12-03T10:00:15Z", {
    model: "churn",
    version: 2,
    status: "PendingManualApproval",
  }),
];

describe("the demo's timeline", () => {
  it("times every hop from the push and from the hop before, and the two lead times", () => {
    const timeline = buildTimeline("cor_1", push, trip, 2);
    expect(timeline.hops.map((h) => [h.detailType, h.sincePush, h.sincePrevious])).toEqual([
      ["Object Created", 0, 0],
      ["Dataset Version Created", 1, 1],
      ["Deployment Succeeded", 9, 8],
      ["Drift Detected", 12, 3],
      ["Model Version Registered", 15, 3],
    ]);
    expect(timeline).toMatchObject({
      correlationId: "cor_1",
      pushToServing: 9,
      driftToRetrainPending: 3,
    });
    expect(formatTimeline(timeline).split("\n")).toEqual([
      "since push  since previous  event                     what",
      "+0s         +0s             Object Created            s3://gyre-data/datasets/churn/demo-1.csv",
      "+1s         +1s             Dataset Version Created   churn v1: 5 rows",
      "+9s         +8s             Deployment Succeeded      endpoint churn serves churn v1",
      "+12s        +3s             Drift Detected            churn v1: tenure, plan",
      "+15s        +3s             Model Version Registered  churn v2 PendingManualApproval",
    ]);
  });
});
