import { describe, expect, expectTypeOf, it } from "vitest";
import type * as z from "zod";
import type * as zm from "zod/mini";
import { Envelope } from "./define";
import { AnyEnvelope } from "./envelope";

const valid = {
  version: "0",
  id: "7bf73129-1428-4cd3-a780-95db273d1602",
  "detail-type": "Model Approved",
  source: "gyre.registry",
  account: "123456789012",
  time: "2026-12-04T12:00:00Z",
  region: "eu-west-1",
  resources: [],
  detail: { model: "churn", version: 3 },
};

const samples: Record<string, unknown> = {
  valid,
  "a replay": { ...valid, "replay-name": "nightly" },
  "version 1": { ...valid, version: "1" },
  "no id": { ...valid, id: undefined },
  "numeric account": { ...valid, account: 123456789012 },
  "resources not strings": { ...valid, resources: [1] },
  "detail an array": { ...valid, detail: [1, 2] },
  "detail missing": { ...valid, detail: undefined },
  "replay-name a number": { ...valid, "replay-name": 7 },
  "not an object": "event",
};

describe("the classic Envelope and the zod/mini AnyEnvelope", () => {
  it("have the same fields", () => {
    expect(Object.keys(AnyEnvelope.shape).sort()).toEqual(Object.keys(Envelope.shape).sort());
  });

  it.each(Object.entries(samples))("agree on %s", (_name, sample) => {
    expect(AnyEnvelope.safeParse(sample).success).toBe(Envelope.safeParse(sample).success);
  });

  it("accept a valid envelope and a replayed one, and reject the rest", () => {
    const accepted = Object.entries(samples)
      .filter(([, sample]) => Envelope.safeParse(sample).success)
      .map(([name]) => name);
    expect(accepted).toEqual(["valid", "a replay"]);
  });

  it("parse to the same type", () => {
    expectTypeOf<zm.infer<typeof AnyEnvelope>>().toEqualTypeOf<z.infer<typeof Envelope>>();
  });
});
