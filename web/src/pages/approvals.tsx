import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { pendingVersions } from "../api/queue";
import { fromSources, useApi } from "../api/use-api";
import { View } from "../ui/states";
import { ReviewPanel } from "./review-panel";

const registryEvents = fromSources("gyre.registry");
const PAGE = 50;

/** The queue of versions awaiting approval, and the one under review: /approvals/:model/:version. */
export function Approvals(props: { model?: string; version?: string }) {
  const queue = useApi(pendingVersions, [], registryEvents);
  const [shown, setShown] = useState(PAGE);
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
        {({ items, more }) => {
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
                  {more ? "+" : ""} awaiting a decision
                </p>
                <ul>
                  {items.slice(0, shown).map((v) => (
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
                {items.length > shown ? (
                  <button type="button" class="more" onClick={() => setShown(shown + PAGE)}>
                    Show {Math.min(PAGE, items.length - shown)} more
                  </button>
                ) : null}
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
