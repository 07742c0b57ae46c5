import { type RegistryTest, startRegistryTest } from "@gyre/local/testing/registry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: RegistryTest;

beforeAll(async () => {
  t = await startRegistryTest();
  await t.runSucceeded({ model: "talk", runId: "run_talk1" });
});
afterAll(() => t.close());

const comments = "/models/talk/versions/1/comments";

async function announced() {
  const page = await t.platform.archive.list({ detailType: "Model Version Commented", limit: 100 });
  return page.items.map((e) => e.detail);
}

describe("POST /models/{name}/versions/{v}/comments", () => {
  it("stores the trimmed text with the token's name as author, and announces it", async () => {
    const res = await t.call("POST", comments, "pipeline", { text: "  why is recall down?  " });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^cmt_/),
      model: "talk",
      version: 1,
      author: "pipeline",
      text: "why is recall down?",
      createdAt: expect.any(String),
    });
    expect(await announced()).toContainEqual(
      expect.objectContaining({
        model: "talk",
        version: 1,
        commentId: res.body.id,
        author: "pipeline",
        text: "why is recall down?",
        metadata: expect.objectContaining({ actor: "pipeline" }),
      }),
    );
  });

  it("refuses a viewer, an empty or too long text and an unknown version, changing nothing", async () => {
    const before = [(await t.call("GET", comments)).body.items.length, (await announced()).length];
    const refusals = [
      [comments, "viewer", { text: "hi" }, 403, "auth.forbidden"],
      [comments, "pipeline", { text: "   \n " }, 400, "comment.empty"],
      [comments, "pipeline", {}, 400, "request.invalid"],
      [comments, "pipeline", { text: "x".repeat(4001) }, 400, "request.invalid"],
      [
        "/models/talk/versions/9/comments",
        "pipeline",
        { text: "hi" },
        404,
        "model_version.not_found",
      ],
      [
        "/models/ghost/versions/1/comments",
        "pipeline",
        { text: "hi" },
        404,
        "model_version.not_found",
      ],
    ] as const;
    for (const [path, role, body, status, code] of refusals) {
      const res = await t.call("POST", path, role, body);
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const after = [(await t.call("GET", comments)).body.items.length, (await announced()).length];
    expect(after).toEqual(before);
  });

  it("takes 4000 characters once trimmed", async () => {
    const text = "y".repeat(4000);
    const res = await t.call("POST", comments, "approver", { text: `  ${text}  ` });
    expect(res.status).toBe(201);
    expect(res.body.text).toBe(text);
  });
});

describe("GET /models/{name}/versions/{v}/comments", () => {
  it("lists a thread oldest first, in pages", async () => {
    await t.runSucceeded({ model: "thread", runId: "run_thread1" });
    const path = "/models/thread/versions/1/comments";
    for (const text of ["first", "second", "third"]) {
      await t.call("POST", path, "approver", { text });
    }
    const first = await t.call("GET", `${path}?limit=2`, "viewer");
    expect(first.body.items.map((c: { text: string }) => c.text)).toEqual(["first", "second"]);
    const rest = await t.call("GET", `${path}?limit=2&cursor=${first.body.next}`, "viewer");
    expect(rest.body.items.map((c: { text: string }) => c.text)).toEqual(["third"]);
    expect((await t.call("GET", "/models/thread/versions/2/comments")).status).toBe(404);
    expect((await t.app.request(path)).status).toBe(401);
  });
});

describe("rejecting", () => {
  it("needs a comment that is not blank: 400 model_version.comment_required, and nothing changes", async () => {
    await t.runSucceeded({ model: "reject-me", runId: "run_rm1" });
    const path = "/models/reject-me/versions/1/reject";
    for (const body of [{}, { comment: "   " }]) {
      const res = await t.call("POST", path, "approver", body);
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({
        code: "model_version.comment_required",
        message: "Say why: rejecting a version needs a comment.",
      });
    }
    expect((await t.call("GET", "/models/reject-me/versions/1")).body.status).toBe(
      "PendingManualApproval",
    );
    const rejected = await t.platform.archive.list({
      detailType: "Model Version Rejected",
      limit: 10,
    });
    expect(rejected.items).toEqual([]);
  });
});
