import { api, ok } from "../api/client";
import { fromSources, useApi } from "../api/use-api";
import { when } from "../ui/format";
import { MoreButton, usePaged } from "../ui/paged";
import { View } from "../ui/states";
import { ModelDetailPage } from "./model-detail";

const registryEvents = fromSources("gyre.registry");

export function Models() {
  const q = useApi(
    () => ok(api.GET("/models", { params: { query: { limit: 50 } } })),
    [],
    registryEvents,
  );
  const paged = usePaged(q.data, (cursor) =>
    ok(api.GET("/models", { params: { query: { limit: 50, cursor } } })),
  );
  return (
    <section>
      <h1>Models</h1>
      <View query={q} what="models" service="registry" isEmpty={(d) => !d.items.length}>
        {() => (
          <>
            <table>
              <caption>Models by name</caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col" class="num">
                    Latest version
                  </th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {paged.items.map((m) => (
                  <tr key={m.name}>
                    <th scope="row">
                      <a href={`/models/${m.name}`}>{m.name}</a>
                    </th>
                    <td class="num">{m.latestVersion}</td>
                    <td>{when(m.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <MoreButton paged={paged} label="models" />
          </>
        )}
      </View>
    </section>
  );
}

export const ModelPage = (props: { name: string }) => <ModelDetailPage name={props.name} />;
