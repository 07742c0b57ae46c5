import type { components } from "../api-types";
import { number, short, signed } from "../ui/format";

type Comparison = components["schemas"]["ModelVersionComparison"];

const arrow = (delta: number | null) =>
  delta === null ? "" : delta > 0 ? "▲ higher" : delta < 0 ? "▼ lower" : "= same";

/** Metric deltas, dataset and hyperparameter differences against the champion, as the API computed them. */
export function ChampionDiff(props: {
  champion: number | null;
  comparison: Comparison | null;
  /** What the first version is called: the champion, unless two versions are compared. */
  base?: string;
}) {
  const { champion, comparison: c, base = "Champion" } = props;
  if (champion === null) return <p>No champion yet: this would be the first version served.</p>;
  if (!c) return <p>This version is the champion.</p>;
  const ds = (d: Comparison["dataset"]["a"]) =>
    d ? `${d.name} v${d.version} (${short(d.sha256)})` : "—";
  return (
    <>
      <table>
        <caption>
          Metrics against {base === "Champion" ? "the champion" : base} (v{champion})
        </caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" class="num">
              {base} v{c.a}
            </th>
            <th scope="col" class="num">
              This v{c.b}
            </th>
            <th scope="col" class="num">
              Delta
            </th>
          </tr>
        </thead>
        <tbody>
          {c.metrics.map((m) => (
            <tr key={m.metric}>
              <th scope="row">{m.metric}</th>
              <td class="num">{number(m.a)}</td>
              <td class="num">{number(m.b)}</td>
              <td class="num">
                {signed(m.delta)} <span class="sub">{arrow(m.delta)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Dataset:{" "}
        {c.dataset.same
          ? `the same (${ds(c.dataset.b)})`
          : `${ds(c.dataset.a)} → ${ds(c.dataset.b)}`}
      </p>
      {c.hyperparameters.length ? (
        <table>
          <caption>Hyperparameters that differ</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">{base}</th>
              <th scope="col">This</th>
            </tr>
          </thead>
          <tbody>
            {c.hyperparameters.map((h) => (
              <tr key={h.name}>
                <th scope="row">{h.name}</th>
                <td>{JSON.stringify(h.a) ?? "—"}</td>
                <td>{JSON.stringify(h.b) ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Hyperparameters: the same as {base === "Champion" ? "the champion's" : `v${c.a}'s`}.</p>
      )}
    </>
  );
}
