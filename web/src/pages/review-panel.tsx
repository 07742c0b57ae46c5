import { useContext, useEffect, useRef, useState } from "preact/hooks";
import type { ApiError } from "../api/client";
import { comments, decide, review } from "../api/review";
import { fromSources, useApi } from "../api/use-api";
import { View } from "../ui/states";
import { Status } from "../ui/status";
import { useMay, WhoContext } from "../ui/who";
import { ChampionDiff } from "./champion-diff";
import { CommentThread } from "./comment-thread";
import { Gates } from "./gates";

const registryEvents = fromSources("gyre.registry");
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);

export function ReviewPanel(props: {
  model: string;
  version: number;
  onMove(step: number): void;
  onDecided(): void;
}) {
  const { model, version } = props;
  const q = useApi(() => review(model, version), [model, version], registryEvents);
  const thread = useApi(() => comments(model, version), [model, version], registryEvents);
  const mayDecide = useMay("approver");
  const { role } = useContext(WhoContext);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [shortcuts, setShortcuts] = useState(
    () => localStorage.getItem("gyre.shortcuts") !== "off",
  );
  const commentBox = useRef<HTMLTextAreaElement>(null);

  const submit = async (decision: "approve" | "reject") => {
    setError(null);
    // The box, not the state: a shortcut pressed right after typing can run before the render
    // that hands this listener the last characters.
    const text = commentBox.current?.value ?? comment;
    try {
      await decide(decision, model, version, text);
      setDone(`${decision === "approve" ? "Approved" : "Rejected"} ${model} v${version}.`);
      setComment("");
      q.reload();
      props.onDecided();
    } catch (failure) {
      setError(failure as ApiError);
    }
  };

  useEffect(() => {
    if (!shortcuts) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      const actions: Record<string, () => void> = {
        j: () => props.onMove(1),
        k: () => props.onMove(-1),
        c: () => commentBox.current?.focus(),
        ...(mayDecide && { a: () => void submit("approve"), r: () => void submit("reject") }),
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  });

  const toggleShortcuts = (on: boolean) => {
    localStorage.setItem("gyre.shortcuts", on ? "on" : "off");
    setShortcuts(on);
  };

  return (
    <article class="review" aria-labelledby="review-title">
      <View query={q} what={`${model} v${version}`} service="registry">
        {({ version: v, model: m, champion, comparison }) => (
          <>
            <h2 id="review-title">
              <a href={`/models/${model}/versions/${version}`}>
                {model} v{version}
              </a>{" "}
              <Status value={v.status} />
            </h2>
            <p class="sub">
              Registered by {v.registeredBy}
              {v.runId ? (
                <>
                  {" "}
                  from run <a href={`/runs/${v.runId}`}>{v.runId}</a>
                </>
              ) : null}
              {v.dataset ? ` on ${v.dataset.name} v${v.dataset.version}` : null}
            </p>
            <Gates gates={v.gates} />
            <h3>Approvals</h3>
            <p>
              <progress
                max={m.policy.requiredApprovals}
                value={v.approvals.length}
                aria-label="Approvals so far"
              />{" "}
              {v.approvals.length} of {m.policy.requiredApprovals} required
              {v.approvals.length ? ` (${v.approvals.join(", ")})` : ""}
            </p>
            <ChampionDiff champion={champion} comparison={comparison} />
            {v.reason ? <p>Reason: {v.reason}</p> : null}
          </>
        )}
      </View>
      <CommentThread model={model} version={version} query={thread} />
      {mayDecide ? (
        <form class="decide" onSubmit={(e) => e.preventDefault()} aria-labelledby="decide-title">
          <h3 id="decide-title">Decision</h3>
          <label for="decision-comment">Comment (required to reject)</label>
          <textarea
            id="decision-comment"
            ref={commentBox}
            rows={3}
            value={comment}
            aria-describedby="decision-error"
            onInput={(e) => setComment(e.currentTarget.value)}
          />
          <div class="actions">
            <button
              type="button"
              class="approve"
              aria-keyshortcuts={shortcuts ? "a" : undefined}
              onClick={() => submit("approve")}
            >
              Approve
            </button>
            <button
              type="button"
              class="reject"
              aria-keyshortcuts={shortcuts ? "r" : undefined}
              onClick={() => submit("reject")}
            >
              Reject
            </button>
          </div>
          <div id="decision-error" role="alert" class="field-error">
            {error ? (
              <>
                <code>{error.code}</code>: {error.message}
              </>
            ) : null}
          </div>
          <p role="status" class="done">
            {done}
          </p>
        </form>
      ) : (
        <p class="note">Your role ({role}) may read the queue; approvers and admins decide.</p>
      )}
      <p class="help">
        <label>
          <input
            type="checkbox"
            checked={shortcuts}
            onChange={(e) => toggleShortcuts(e.currentTarget.checked)}
          />{" "}
          Keyboard shortcuts
        </label>{" "}
        <kbd>j</kbd>/<kbd>k</kbd> next/previous, <kbd>c</kbd> comment
        {mayDecide ? (
          <>
            , <kbd>a</kbd> approve, <kbd>r</kbd> reject
          </>
        ) : null}{" "}
        (not while typing).
      </p>
    </article>
  );
}
