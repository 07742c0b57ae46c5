import { useState } from "preact/hooks";
import { api, ok } from "../api/client";
import { fromSources, useApi } from "../api/use-api";
import { ComparePicker } from "../ui/compare-picker";
import { bytes, number, short, when } from "../ui/format";
import { View } from "../ui/states";
import { Status } from "../ui/status";
import { ProfileComparison, type ProfileDiff } from "./dataset-compare";

const datasetEvents = fromSources("gyre.datasets");

export function Datasets() {
  const q = useApi(
    () => ok(api.GET("/datasets", { params: { query: { limit: 100 } } })),
    [],
    datasetEvents,
  );
  return (
    <section>
      <h1>Datasets</h1>
      <View
        query={q}
        what="datasets"
        service="datasets"
        isEmpty={(d) => !d.items.length}
        empty="No datasets yet: npx gyre data push puts one in."
      >
        {(d) => (
          <table>
            <caption>Datasets</caption>
            <thead>
              <tr>
                <th scope="col">Dataset</th>
                <th scope="col" class="num">
                  Versions
                </th>
                <th scope="col">Latest</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((s) => (
                <tr key={s.name}>
                  <th scope="row">
                    <a href={`/datasets/${s.name}`}>{s.name}</a>
                  </th>
                  <td class="num">{s.versions}</td>
                  <td>
                    {s.latest
                      ? `v${s.latest.version}, ${s.latest.rows ?? "?"} rows, ${when(s.latest.createdAt)}`
                      : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </View>
    </section>
  );
}

interface Column {
  name: string;
  type: string;
  count?: number;
  missing?: number;
  distinct?: number;
  min?: number;
  max?: number;
  mean?: number;
  std?: number;
  top?: { value: unknown; count: number }[];
  histogram?: { lo: number; hi: number; count: number }[];
}

export function DatasetPage({ name }: { name: string }) {
  const versions = useApi(
    () =>
      ok(
        api.GET("/datasets/{name}/versions", { params: { path: { name }, query: { limit: 50 } } }),
      ),
    [name],
    datasetEvents,
  );
  const [picked, setPicked] = useState<number | null>(null);
  return (
    <section>
      <p class="crumbs">
        <a href="/datasets">Datasets</a>
      </p>
      <h1>Dataset {name}</h1>
      <View query={versions} what="versions" service="datasets" isEmpty={(d) => !d.items.length}>
        {(d) => {
          const selected = picked ?? d.items[0]?.version;
          return (
            <>
              <table>
                <caption>Versions, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Version</th>
                    <th scope="col">Status</th>
                    <th scope="col" class="num">
                      Rows
                    </th>
                    <th scope="col" class="num">
                      Size
                    </th>
                    <th scope="col">sha256</th>
                    <th scope="col">Created</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((v) => (
                    <tr key={v.version} aria-selected={v.version === selected}>
                      <th scope="row">
                        <button
                          type="button"
                          class="link"
                          aria-pressed={v.version === selected}
                          onClick={() => setPicked(v.version)}
                        >
                          v{v.version}
                        </button>
                      </th>
                      <td>
                        <Status value={v.status} />
                      </td>
                      <td class="num">{v.rows ?? "—"}</td>
                      <td class="num">{bytes(v.bytes)}</td>
                      <td>
                        <code>{short(v.sha256)}</code>
                      </td>
                      <td>{when(v.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <ComparePicker base={`/datasets/${name}`} />
              {selected !== undefined ? <Profile name={name} version={selected} /> : null}
            </>
          );
        }}
      </View>
    </section>
  );
}

function Profile({ name, version }: { name: string; version: number }) {
  const q = useApi(
    () =>
      ok(api.GET("/datasets/{name}/versions/{version}", { params: { path: { name, version } } })),
    [name, version],
  );
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">Profile of v{version}</h2>
      <View
        query={q}
        what="the profile"
        service="datasets"
        isEmpty={(v) => !v.profile}
        empty="This version has no profile."
      >
        {(v) => {
          const columns = ((v.profile as { columns?: Column[] }).columns ?? []) as Column[];
          return (
            <div class="columns">
              {columns.map((c) => (
                <ColumnCard key={c.name} column={c} />
              ))}
            </div>
          );
        }}
      </View>
    </section>
  );
}

function ColumnCard({ column: c }: { column: Column }) {
  const top = c.top ?? [];
  const most = Math.max(1, ...top.map((t) => t.count));
  return (
    <section class="card" aria-label={`Column ${c.name}`}>
      <h3>
        {c.name} <span class="sub">{c.type}</span>
      </h3>
      <dl class="stats">
        <dt>count</dt>
        <dd>{c.count ?? "—"}</dd>
        <dt>missing</dt>
        <dd>{c.missing ?? "—"}</dd>
        <dt>distinct</dt>
        <dd>{c.distinct ?? "—"}</dd>
        {c.mean !== undefined ? (
          <>
            <dt>min / max</dt>
            <dd>
              {number(c.min)} / {number(c.max)}
            </dd>
            <dt>mean ± std</dt>
            <dd>
              {number(c.mean)} ± {number(c.std)}
            </dd>
          </>
        ) : null}
      </dl>
      {c.histogram?.length ? <Histogram bins={c.histogram} /> : null}
      {top.length ? (
        <table class="histogram">
          <caption>Most frequent values</caption>
          <tbody>
            {top.slice(0, 10).map((t) => (
              <tr key={String(t.value)}>
                <th scope="row">{String(t.value)}</th>
                <td>
                  <span
                    class="bar"
                    style={{ width: `${(t.count / most) * 100}%` }}
                    aria-hidden="true"
                  />{" "}
                  {t.count}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** The API's bins as bars, each with its range and count in words. */
function Histogram({ bins }: { bins: NonNullable<Column["histogram"]> }) {
  const most = Math.max(1, ...bins.map((b) => b.count));
  return (
    <table class="histogram">
      <caption>Distribution ({bins.length} equal-width bins)</caption>
      <thead>
        <tr>
          <th scope="col">Range</th>
          <th scope="col">Values</th>
        </tr>
      </thead>
      <tbody>
        {bins.map((b) => (
          <tr key={b.lo}>
            <th scope="row">
              {number(b.lo)} to {number(b.hi)}
            </th>
            <td>
              <span
                class="bar"
                style={{ width: `${(b.count / most) * 100}%` }}
                aria-hidden="true"
              />{" "}
              {b.count}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DatasetComparePage(props: { name: string; a: string; b: string }) {
  const { name } = props;
  const a = Number(props.a);
  const b = Number(props.b);
  const q = useApi(
    () =>
      ok(
        api.GET("/datasets/{name}/versions/{a}/compare/{b}", { params: { path: { name, a, b } } }),
      ),
    [name, a, b],
  );
  return (
    <section>
      <p class="crumbs">
        <a href={`/datasets/${name}`}>Dataset {name}</a>
      </p>
      <h1>
        {name}: v{a} against v{b}
      </h1>
      <View query={q} what="the comparison" service="datasets">
        {(c) => <ProfileComparison diff={c.comparison as ProfileDiff} a={a} b={b} />}
      </View>
    </section>
  );
}
