import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { DRIFT_FEATURES, DRIFT_ROWS, driftFiles } from "./drift-data";

const run = promisify(execFile);
const PYTHON = "/usr/bin/python3";
const MAX_BUFFER = 64 << 20;

interface Measured {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  features: Record<string, Record<string, unknown>>;
}

/**
 * Exact and sketch mode on 1,000,000 rows × 100 features (reference and current CSVs, made once
 * under the temp dir), each in its own process for its own peak RSS, beside pandas read_csv +
 * scipy on the same files when Debian's python3 has them.
 */
export async function benchDrift(): Promise<void> {
  const { reference, current } = await driftFiles();
  console.log(
    `drift: ${DRIFT_ROWS.toLocaleString("en-US")} rows × ${DRIFT_FEATURES} features, reference and current`,
  );
  const exact = shown("exact", await node("exact", reference, current));
  const sketch = shown("sketch", await node("sketch", reference, current));
  const scipy = shown("scipy", await python(reference, current));
  if (!scipy) {
    console.log(
      `  scipy   skipped: ${PYTHON} lacks pandas or scipy (apt-get install python3-scipy python3-pandas)`,
    );
    return;
  }
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  console.log(
    `  scipy / sketch: ${ratio(scipy.seconds, sketch.seconds)} wall, ${ratio(scipy.cpuSeconds, sketch.cpuSeconds)} CPU (target ≥ 3×; sketch RSS target < 500 MB)`,
  );
  console.log(
    `  scipy / exact:  ${ratio(scipy.seconds, exact.seconds)} wall, ${ratio(scipy.cpuSeconds, exact.cpuSeconds)} CPU (target ≥ 1×)`,
  );
  console.log(`  exact vs scipy, largest difference: ${agreement(exact, scipy)}`);
  console.log(`  sketch vs exact, largest difference: ${agreement(sketch, exact)}`);
}

function shown<T extends Measured | undefined>(name: string, m: T): T {
  if (m) {
    console.log(
      `  ${name.padEnd(7)} ${m.seconds.toFixed(1)} s wall, ${m.cpuSeconds.toFixed(1)} s CPU, peak RSS ${m.peakRssMb.toFixed(0)} MB`,
    );
  }
  return m;
}

async function node(
  mode: "exact" | "sketch",
  reference: string,
  current: string,
): Promise<Measured> {
  const child = fileURLToPath(new URL("./drift-child.ts", import.meta.url));
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", child, mode, reference, current],
    {
      maxBuffer: MAX_BUFFER,
    },
  );
  const { result, ...measured } = JSON.parse(stdout);
  return { ...measured, features: result.features };
}

/** OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, set on some machines for old OpenBLAS builds, slow numpy. */
async function python(reference: string, current: string): Promise<Measured | undefined> {
  const found = await run(PYTHON, ["-c", "import pandas, scipy"]).then(
    () => true,
    () => false,
  );
  if (!found) return undefined;
  const { OPENBLAS_CORETYPE: _, OPENBLAS_L2_SIZE: __, ...env } = process.env;
  const script = fileURLToPath(new URL("./drift_scipy.py", import.meta.url));
  const { stdout } = await run(PYTHON, [script, reference, current], {
    env,
    maxBuffer: MAX_BUFFER,
  });
  return JSON.parse(stdout);
}

const STATISTICS = ["ks.statistic", "wasserstein", "wassersteinNorm", "psi", "jensenShannon"];

/** Per statistic, the largest absolute difference over the features both results judged. */
function agreement(a: Measured, b: Measured): string {
  const at = (f: Record<string, unknown>, path: string) =>
    path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], f);
  return STATISTICS.map((path) => {
    let worst = 0;
    for (const [name, feature] of Object.entries(a.features)) {
      const x = at(feature, path);
      const y = at(b.features[name] ?? {}, path);
      if (typeof x === "number" && typeof y === "number") worst = Math.max(worst, Math.abs(x - y));
    }
    return `${path} ${worst.toPrecision(2)}`;
  }).join(", ");
}
