import type { ModelVersion } from "../api/queue";
import { number } from "../ui/format";
import { Status } from "../ui/status";

export function Gates({ gates }: { gates: ModelVersion["gates"] }) {
  if (!gates.length) return <p>No gates: the model's policy sets none.</p>;
  return (
    <table>
      <caption>Gates (as evaluated at registration)</caption>
      <thead>
        <tr>
          <th scope="col">Gate</th>
          <th scope="col">Result</th>
          <th scope="col" class="num">
            Actual
          </th>
        </tr>
      </thead>
      <tbody>
        {gates.map((g) => (
          <tr key={g.gate}>
            <th scope="row">{g.gate}</th>
            <td>
              <Status value={g.passed ? "passed" : "failed"} />
            </td>
            <td class="num">{number(g.actual)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
