import * as z from "zod";
import { VisibleError } from "../platform/errors";
import { decodeCursor, encodeCursor, type Page } from "../platform/state/pages";
import { Comparison, compare } from "./comparison";
import type { RegistryReads } from "./deps";
import { ModelVersion } from "./model";
import { DEFAULT_POLICY } from "./policy";
import { registryStore as store } from "./store";

/** The alias the policy's mustBeatChampion gate and the deployments treat as champion. */
export const CHAMPION = "champion";

export const Approval = z.object({
  version: ModelVersion.describe("the version awaiting approval, with its gate results"),
  approvals: z.object({
    required: z.number().int().describe("the policy's requiredApprovals"),
    approvedBy: z.array(z.string()).describe("who approved so far"),
    remaining: z.number().int().nonnegative(),
  }),
  champion: z
    .number()
    .int()
    .positive()
    .nullable()
    .describe("the version behind the model's champion alias; null when there is none"),
  comparison: Comparison.nullable().describe(
    "from the champion (a) to this version (b); null without a champion",
  ),
});
export type Approval = z.infer<typeof Approval>;

const ApprovalCursor = z.object({ model: z.string(), next: z.string().nullable() });
type ApprovalCursor = z.infer<typeof ApprovalCursor>;

/**
 * Every PendingManualApproval version, model by model (by name), newest version first within a
 * model, each with its approval progress and its comparison against the model's champion.
 */
export async function listApprovals(
  query: { limit: number; cursor?: string },
  deps: RegistryReads,
): Promise<Page<Approval>> {
  const at = query.cursor ? approvalCursor(query.cursor) : undefined;
  const items: Approval[] = [];
  for await (const model of modelsFrom(at, deps)) {
    const page = await store(deps.state).listVersions({
      model,
      status: "PendingManualApproval",
      limit: query.limit - items.length,
      cursor: model === at?.model ? (at.next ?? undefined) : undefined,
    });
    if (page.items.length) items.push(...(await approvalsOf(model, page.items, deps)));
    if (items.length >= query.limit) {
      return { items, next: encodeCursor({ model, next: page.next }) };
    }
  }
  return { items, next: null };
}

async function approvalsOf(
  model: string,
  versions: ModelVersion[],
  deps: RegistryReads,
): Promise<Approval[]> {
  const [policy, alias] = await Promise.all([
    store(deps.state).getPolicy(model),
    store(deps.state).getAlias(model, CHAMPION),
  ]);
  const champion = alias ? await store(deps.state).getVersion(model, alias.version) : undefined;
  const required = (policy ?? DEFAULT_POLICY).requiredApprovals;
  return versions.map((version) => ({
    version,
    approvals: {
      required,
      approvedBy: version.approvals,
      remaining: Math.max(0, required - version.approvals.length),
    },
    champion: champion?.version ?? null,
    comparison: champion ? compare(champion, version) : null,
  }));
}

/** The models to read: the cursor's own (when it stopped inside it), then every one after it. */
async function* modelsFrom(at: ApprovalCursor | undefined, deps: RegistryReads) {
  if (at?.next) yield at.model;
  const batch = 50;
  let after = at?.model;
  for (;;) {
    const names = await store(deps.state).modelNamesAfter(after, batch);
    yield* names;
    if (names.length < batch) return;
    after = names.at(-1);
  }
}

function approvalCursor(cursor: string): ApprovalCursor {
  const parsed = ApprovalCursor.safeParse(decodeCursor(cursor));
  if (parsed.success) return parsed.data;
  throw new VisibleError(
    "input",
    "request.invalid_cursor",
    "The cursor is not one this API returned.",
  );
}
