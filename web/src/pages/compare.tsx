import { api, ok } from "../api/client";
import { useApi } from "../api/use-api";
import { View } from "../ui/states";
import { ChampionDiff } from "./champion-diff";

export function ComparePage(props: { name: string; a: string; b: string }) {
  const { name } = props;
  const a = Number(props.a);
  const b = Number(props.b);
  const q = useApi(
    () =>
      ok(api.GET("/models/{name}/versions/{a}/compare/{b}", { params: { path: { name, a, b } } })),
    [name, a, b],
  );
  return (
    <section>
      <p class="crumbs">
        <a href={`/models/${name}`}>Model {name}</a>
      </p>
      <h1>
        {name}: v{a} against v{b}
      </h1>
      <View query={q} what="the comparison" service="registry">
        {(c) => <ChampionDiff champion={a} comparison={c} base="Version" />}
      </View>
    </section>
  );
}
