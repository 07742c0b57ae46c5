import * as z from "zod";

export const HistoryAction = z.enum(["registered", "approved", "rejected", "alias", "rolled_back"]);

/** One append-only audit entry: a change to a version's status or to an alias. */
export const HistoryEntry = z.object({
  at: z.string(),
  actor: z.string(),
  action: HistoryAction,
  model: z.string(),
  version: z.number().int().positive().nullable(),
  alias: z.string().nullable(),
  from: z.union([z.string(), z.number()]).nullable(),
  to: z.union([z.string(), z.number()]).nullable(),
  comment: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;
