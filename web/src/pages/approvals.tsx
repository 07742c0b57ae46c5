import { useLocation } from "preact-iso";
import { pendingVersions } from "../api/queue";
import { fromSources, useApi } from "../api/use-api";
import { MoreButton, usePaged } from "../ui/paged";
import { View } from "../ui/states";
import { ReviewPanel } from "./review-panel";

const registryEvents = fromSources("gyre.registry");

/** The queue of versions awaiting approval, and the one under review: /approvals/:model/:version. */
export function Approvals(props: { model?: string; version?: string }) {
  const queue = useApi(() => pendingVersions(), [], registryEvents);
  const paged = usePaged(queue.data, (cursor) => pendingVersions(cursor));
  const { route } = useLocation();
  return (
    <section>
      <h1>Approvals</h1>
      <View
        query={queue}
        what="the approval queue"
        service="registry"
        isEmpty={(q) => q.items.length === 0 && !props.model}
        empty="Nothing awaits a decision: new versions that pass registration but need a person land here."
      >
        {() => {
          const { items } = paged;
          const selected = props.model
            ? { model: props.model, version: Number(props.version) }
            : items[0];
          const index = items.findIndex(
            (v) => v.model === selected?.model && v.version === selected.version,
          );
          const go = (step: number) => {
            const next = items[Math.min(Math.max(index + step, 0), items.length - 1)];
            if (next) route(`/approvals/${next.model}/${next.version}`, true);
          };
          return (
            <div class="split">
              <nav aria-label="Approval queue" class="queue">
                <p class="count" aria-live="polite">
                  {items.length}
                  {paged.hasMore ? "+" : ""} awaiting a decision
                </p>
                <ul>
                  {items.map((v) => (
                    <li key={`${v.model}/${v.version}`}>
                      <a
                        href={`/approvals/${v.model}/${v.version}`}
                        aria-current={
                          v.model === selected?.model && v.version === selected.version
                            ? "true"
                            : undefined
                        }
                      >
                        <strong>
                          {v.model} v{v.version}
                        </strong>
                        <span class="sub">
                          {v.gates.filter((g) => g.passed).length}/{v.gates.length} gates passed ·{" "}
                          {v.approvals.length} approvals
                        </span>
                      </a>
                    </li>
                  ))}
                </ul>
                <MoreButton paged={paged} label="versions" />
              </nav>
              {selected ? (
                <ReviewPanel
                  key={`${selected.model}/${selected.version}`}
                  model={selected.model}
                  version={selected.version}
                  onMove={go}
                  onDecided={queue.reload}
                />
              ) : null}
            </div>
          );
        }}
      </View>
    </section>
  );
}
