import { describe, expect, it } from "vitest";
import { entrySize } from "./entry-size";

describe("entrySize (EventBridge User Guide: Calculating PutEvents event entry size)", () => {
  it("counts Source, DetailType, Detail and each Resource as UTF-8 bytes", () => {
    expect(
      entrySize({
        Source: "src",
        DetailType: "Type",
        Detail: '{"a":"é"}',
        Resources: ["r1", "r22"],
      }),
    ).toBe(3 + 4 + 10 + 2 + 3);
  });

  it("counts Time as 14 bytes when given", () => {
    const base = { Source: "s", DetailType: "d", Detail: "{}" };
    expect(entrySize({ ...base, Time: new Date() }) - entrySize(base)).toBe(14);
  });
});
