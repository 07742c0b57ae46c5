import { number, percent, signed } from "../ui/format";

type Pair = { a: number; b: number };
type Drift = { method: string; psi: number; ks?: number; level: "none" | "moderate" | "major" };
type ColumnDiff = {
  name: string;
  type: { a: string; b: string };
  count: Pair;
  missingRate: Pair;
  distinct: Pair;
  mean?: Pair & { shift: number };
  drift?: Drift;
};
export type ProfileDiff = {
  rows: Pair;
  added: { name: string; type: string }[];
  removed: { name: string; type: string }[];
  typeChanged: { name: string; from: string; to: string }[];
  columns: ColumnDiff[];
};

const driftMark = { none: "✓", moderate: "▲", major: "▲▲" } as const;
const pair = (p: Pair, show: (n: number) => string = number) => `${show(p.a)} → ${show(p.b)}`;

/** The API's comparison of two versions: schema changes, then one row per shared column. */
export function ProfileComparison({ diff, a, b }: { diff: ProfileDiff; a: number; b: number }) {
  const schema = [
    ...diff.added.map((c) => `added ${c.name} (${c.type})`),
    ...diff.removed.map((c) => `removed ${c.name} (${c.type})`),
    ...diff.typeChanged.map((c) => `${c.name} ${c.from} → ${c.to}`),
  ];
  return (
    <>
      <p>
        Rows: {pair(diff.rows)}. Schema: {schema.length ? schema.join("; ") : "unchanged"}.
      </p>
      <table>
        <caption>
          Columns in both, v{a} → v{b}
        </caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            <th scope="col">Missing</th>
            <th scope="col">Distinct</th>
            <th scope="col">Mean (shift in std)</th>
            <th scope="col">Drift</th>
            <th scope="col" class="num">
              PSI
            </th>
            <th scope="col" class="num">
              KS
            </th>
          </tr>
        </thead>
        <tbody>
          {diff.columns.map((c) => (
            <tr key={c.name}>
              <th scope="row">{c.name}</th>
              <td>{c.type.a === c.type.b ? c.type.a : `${c.type.a} → ${c.type.b}`}</td>
              <td>{pair(c.missingRate, percent)}</td>
              <td>{pair(c.distinct)}</td>
              <td>{c.mean ? `${pair(c.mean)} (${signed(c.mean.shift)})` : "—"}</td>
              <td>{c.drift ? `${driftMark[c.drift.level]} ${c.drift.level}` : "—"}</td>
              <td class="num">{number(c.drift?.psi)}</td>
              <td class="num">{number(c.drift?.ks)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
