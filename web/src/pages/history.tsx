import { api, ok } from "../api/client";
import { fromSources, useApi } from "../api/use-api";
import { when } from "../ui/format";
import { MoreButton, usePaged } from "../ui/paged";
import { View } from "../ui/states";

const registryEvents = fromSources("gyre.registry");

/** The audit trail: who did what to which version, newest first (a version's own, when given). */
export function History({ name, version }: { name: string; version?: number }) {
  const load = (cursor?: string) =>
    version === undefined
      ? ok(
          api.GET("/models/{name}/history", {
            params: { path: { name }, query: { limit: 20, cursor } },
          }),
        )
      : ok(
          api.GET("/models/{name}/versions/{version}/history", {
            params: { path: { name, version }, query: { limit: 20, cursor } },
          }),
        );
  const q = useApi(() => load(), [name, version], registryEvents);
  const paged = usePaged(q.data, load);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <View query={q} what="history" service="registry" isEmpty={(d) => !d.items.length}>
        {() => (
          <>
            <ol class="history">
              {paged.items.map((e, i) => (
                <li key={`${e.at}-${i}`}>
                  <span class="sub">{when(e.at)}</span> <strong>{e.actor}</strong>{" "}
                  {e.action === "alias"
                    ? `moved alias ${e.alias}: ${e.from === null ? "—" : `v${e.from}`} → ${e.to === null ? "—" : `v${e.to}`}`
                    : `${e.action.replace("_", " ")} v${e.version}`}
                  {e.action === "rolled_back" ? ` (v${e.from} → v${e.to})` : ""}
                  {e.comment ? <q>{e.comment}</q> : null}
                </li>
              ))}
            </ol>
            <MoreButton paged={paged} label="history" />
          </>
        )}
      </View>
    </section>
  );
}
