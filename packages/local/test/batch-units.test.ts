import { describe, expect, it } from "vitest";
import { detectGpus } from "../src/batch/index";
import { machineResources } from "../src/batch/machine";
import { globMatches, shouldRetry } from "../src/batch/retry";
import { Slots } from "../src/batch/slots";
import { validateSpec } from "../src/batch/validate";
import { nodeJob, spotRetry } from "./batch-fixtures/jobs";

describe("evaluateOnExit, as Batch evaluates it", () => {
  it("matches exactly and case-sensitively, or by prefix when the pattern ends with *", () => {
    expect(globMatches("Host EC2*", "Host EC2 (instance i-0abc) terminated.")).toBe(true);
    expect(globMatches("host ec2*", "Host EC2 (instance i-0abc) terminated.")).toBe(false);
    expect(
      globMatches("Essential container in task exited", "Essential container in task exited"),
    ).toBe(true);
    expect(globMatches("Essential container", "Essential container in task exited")).toBe(false);
    expect(globMatches("*", "")).toBe(true);
    expect(globMatches("1*", "137")).toBe(true);
    expect(globMatches("*7", "137")).toBe(false);
  });

  it("lets the first matching rule decide, retries when none matches, and never exceeds attempts", () => {
    const exited = { statusReason: "Essential container in task exited", exitCode: 1 };
    const lost = { statusReason: "Host EC2 (instance i-0abc) terminated." };
    expect(shouldRetry(spotRetry, 1, lost)).toBe(true);
    expect(shouldRetry(spotRetry, 1, exited)).toBe(false);
    expect(shouldRetry(spotRetry, 3, lost)).toBe(false);
    expect(shouldRetry({ attempts: 2 }, 1, exited)).toBe(true);
    const onlyExitCodes = {
      attempts: 2,
      evaluateOnExit: [{ onExitCode: "2", action: "EXIT" as const }],
    };
    expect(shouldRetry(onlyExitCodes, 1, exited)).toBe(true);
    expect(shouldRetry(onlyExitCodes, 1, { ...exited, exitCode: 2 })).toBe(false);
    const allConditions = {
      attempts: 2,
      evaluateOnExit: [{ onStatusReason: "Essential*", onExitCode: "1", action: "exit" as const }],
    };
    expect(shouldRetry(allConditions, 1, exited)).toBe(false);
    expect(shouldRetry(allConditions, 1, { ...exited, exitCode: 3 })).toBe(true);
  });
});

describe("this machine's slots", () => {
  it("reads GYRE_LOCAL_VCPUS, GYRE_LOCAL_MEMORY_MIB and GYRE_LOCAL_GPUS, explicit options first", async () => {
    const env = { GYRE_LOCAL_VCPUS: "3", GYRE_LOCAL_MEMORY_MIB: "2048", GYRE_LOCAL_GPUS: "1" };
    expect(await machineResources({}, env)).toEqual({ vcpus: 3, memoryMiB: 2048, gpus: 1 });
    expect(await machineResources({ vcpus: 8 }, env)).toMatchObject({ vcpus: 8 });
    expect(await detectGpus({ GYRE_LOCAL_GPUS: "2" })).toBe(2);
    await expect(machineResources({}, { GYRE_LOCAL_GPUS: "1.5" })).rejects.toThrow(
      "GYRE_LOCAL_GPUS=1.5 is not a whole number, 0 or more.",
    );
  });

  it("hands out GPU indices and says what a job can never get", () => {
    const slots = new Slots({ vcpus: 4, memoryMiB: 1000, gpus: 2 });
    expect(slots.take({ vcpus: 0.5, memoryMiB: 100, gpus: 1 })).toEqual([0]);
    expect(slots.take({ vcpus: 0.25, memoryMiB: 100, gpus: 1 })).toEqual([1]);
    expect(slots.fits({ vcpus: 1, memoryMiB: 100, gpus: 1 })).toBe(false);
    slots.release({ vcpus: 0.5, memoryMiB: 100, gpus: 1 }, [0]);
    expect(slots.fits({ vcpus: 3.25, memoryMiB: 800, gpus: 1 })).toBe(true);
    expect(slots.shortfall({ vcpus: 8, memoryMiB: 4096, gpus: 0 })).toBe(
      "needs 8 vCPUs, this machine has 4: set GYRE_LOCAL_VCPUS or ask for fewer vCPUs; needs 4096 MiB of memory, this machine has 1000: set GYRE_LOCAL_MEMORY_MIB or ask for less memory",
    );
  });
});

describe("submission", () => {
  it("refuses what SubmitJob would refuse", () => {
    expect(() => validateSpec(nodeJob("", { jobName: "bad name" }))).toThrow(/jobName "bad name"/);
    expect(() => validateSpec(nodeJob("", { retryStrategy: { attempts: 11 } }))).toThrow(
      /retryStrategy/,
    );
    expect(() => validateSpec(nodeJob(""))).not.toThrow();
  });
});
