import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as Monitoring from "@gyre/core/monitoring/index";
import { crashOnce } from "@gyre/local/testing/crash";
import { startTestPlatform, type TestPlatform } from "@gyre/local/testing/index";
import { afterEach, describe, expect, it } from "vitest";
import { churnCsv } from "../examples/churn/generate";
import { make as makeRelay } from "../functions/monitoring/outbox";
import { captureFile, watchedChurn } from "./support/capture-files";

let t: TestPlatform;
afterEach(() => t?.close());

const settings = (changes: object) => Monitoring.MonitorSettings.parse(changes);
const reportsCreated = async () =>
  (await t.archive.list({ detailType: "Monitoring Report Created", limit: 50 })).items;

/** A monitor that closes its window at 300 rows, and a file of 300 rows for it. */
async function fullWindow() {
  t = await startTestPlatform({ s3: true });
  const monitor = await watchedChurn(t);
  await Monitoring.updateMonitor(monitor.id, settings({ maxSamples: 300, minSamples: 200 }), t);
  return captureFile(t, churnCsv({ rows: 300, seed: 2 }));
}

describe("monitoring's events go out through the report's outbox", () => {
  it("repairs a crash after the report is kept and before it is published: the outbox sweep publishes it once", async () => {
    const file = await fullWindow();
    // The first relay's read of a report's outbox: the process dies before it publishes.
    const crash = crashOnce(
      t.state,
      (c) =>
        c instanceof GetCommand &&
        c.input.ProjectionExpression === "#outbox" &&
        String(c.input.Key?.sk).startsWith("rep#"),
    );
    const outcome = await Monitoring.onCaptureObject(file, t);
    expect(crash.happened).toBe(true);
    expect(await reportsCreated()).toEqual([]);
    await makeRelay(t, { rule: "monitoring-outbox" })();
    const created = await reportsCreated();
    expect(created).toHaveLength(1);
    const reportId = (outcome as { report: string }).report;
    expect(created[0]?.detail).toMatchObject({
      reportId,
      metadata: { eventKey: `${reportId}:created` },
    });
    await makeRelay(t, { rule: "monitoring-outbox" })();
    expect(await reportsCreated()).toHaveLength(1);
  });

  it("repairs a crash after the report is kept and before the window's pending mark is cleared: the window sweep finishes it without a second event", async () => {
    const file = await fullWindow();
    const crash = crashOnce(
      t.state,
      (c) =>
        c instanceof UpdateCommand &&
        String(c.input.UpdateExpression).startsWith("SET pendingReport = :none"),
    );
    await expect(Monitoring.onCaptureObject(file, t)).rejects.toThrow("crash");
    expect(crash.happened).toBe(true);
    await Monitoring.closeDueWindows(t);
    const [monitor] = (await Monitoring.listMonitors({ limit: 10 }, t)).items;
    expect(monitor?.pendingReport).toBeNull();
    expect(await reportsCreated()).toHaveLength(1);
  });
});
