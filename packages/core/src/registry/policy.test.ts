import { describe, expect, it } from "vitest";
import { evaluateGates, Policy } from "./policy";

describe("evaluateGates", () => {
  it("fails a gate whose metric the version lacks", () => {
    const policy = Policy.parse({ gates: [{ metric: "f1", op: ">", threshold: 0.5 }] });
    expect(evaluateGates(policy, { auc: 0.9 }, null)).toEqual([
      { gate: "f1 > 0.5", passed: false, actual: null },
    ]);
  });

  it("judges lower-is-better metrics against the champion by direction", () => {
    const policy = Policy.parse({
      gates: [{ metric: "loss", op: "<=", threshold: 0.3 }],
      mustBeatChampion: { metric: "loss", minDelta: 0.05, direction: "lower" },
    });
    const champion = { version: 3, metrics: { loss: 0.3 } };
    expect(evaluateGates(policy, { loss: 0.2 }, champion).map((g) => g.passed)).toEqual([
      true,
      true,
    ]);
    expect(evaluateGates(policy, { loss: 0.28 }, champion).map((g) => g.passed)).toEqual([
      true,
      false,
    ]);
  });

  it("passes mustBeatChampion while there is no champion yet", () => {
    const policy = Policy.parse({ mustBeatChampion: { metric: "auc" } });
    expect(evaluateGates(policy, { auc: 0.5 }, null)).toEqual([
      expect.objectContaining({ passed: true, gate: expect.stringContaining("none yet") }),
    ]);
  });
});
