import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";

/** "Compare two versions": two version numbers, then `<base>/compare/<a>/<b>`. */
export function ComparePicker(props: { base: string }) {
  const [pair, setPair] = useState({ a: "", b: "" });
  const { route } = useLocation();
  return (
    <form
      class="inline"
      onSubmit={(e) => {
        e.preventDefault();
        route(`${props.base}/compare/${pair.a}/${pair.b}`);
      }}
    >
      <fieldset>
        <legend>Compare two versions</legend>
        <label>
          From{" "}
          <input
            type="number"
            min={1}
            required
            value={pair.a}
            onInput={(e) => setPair({ ...pair, a: e.currentTarget.value })}
          />
        </label>{" "}
        <label>
          to{" "}
          <input
            type="number"
            min={1}
            required
            value={pair.b}
            onInput={(e) => setPair({ ...pair, b: e.currentTarget.value })}
          />
        </label>{" "}
        <button type="submit">Compare</button>
      </fieldset>
    </form>
  );
}
