import * as z from "zod/mini";

/**
 * EventBridge's envelope around every event's detail, field by field, in zod's mini form: a
 * function that only reads envelopes (the archive) bundles a few KB of zod, not all of it.
 * define.ts's classic `Envelope` (which the OpenAPI document can describe) has the same fields;
 * envelope.test.ts keeps the two in step.
 */
export const AnyEnvelope = z.object({
  version: z.literal("0"),
  id: z.string(),
  "detail-type": z.string(),
  source: z.string(),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.record(z.string(), z.unknown()),
  "replay-name": z.optional(z.string()),
});
