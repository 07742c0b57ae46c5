import { describe, expect, it } from "vitest";
import { subscriptions } from "./services";
import { watchedObjectKeys } from "./wiring";

describe("the S3 events worth forwarding", () => {
  it("are the keys Gyre's subscriptions watch: pushed datasets, captured traffic, ground truth", () => {
    expect(watchedObjectKeys(subscriptions)).toEqual([
      { prefix: "datasets/" },
      { prefix: "ground-truth/" },
      { prefix: "capture/" },
    ]);
  });

  it("are every key when one subscription takes S3 events under any key, or none takes them", () => {
    const anyKey = { pattern: { source: ["aws.s3"], "detail-type": ["Object Created"] } };
    expect(watchedObjectKeys([...subscriptions, anyKey])).toBeUndefined();
    expect(watchedObjectKeys([{ pattern: { source: ["gyre.training"] } }])).toBeUndefined();
  });
});
