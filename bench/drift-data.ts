import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, rename, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const DRIFT_ROWS = 1_000_000;
export const DRIFT_FEATURES = 100;
const VERSION = 1;
const BATCH = 5_000;

/** Where the generated files live between runs: GYRE_BENCH_DATA, else the temp dir; never committed. */
export function driftDataDir(): string {
  return process.env.GYRE_BENCH_DATA ?? join(tmpdir(), "gyre-bench-drift");
}

/**
 * The reference and current CSVs (1,000,000 rows × 100 features: 70 numeric, 30 categorical,
 * 1% missing in some), made once and reused; current is shifted in every fifth feature.
 */
export async function driftFiles(): Promise<{ reference: string; current: string }> {
  const dir = join(driftDataDir(), `v${VERSION}-${DRIFT_ROWS}x${DRIFT_FEATURES}`);
  await mkdir(dir, { recursive: true });
  const reference = join(dir, "reference.csv");
  const current = join(dir, "current.csv");
  for (const [path, shifted, seed] of [
    [reference, false, 1],
    [current, true, 2],
  ] as const) {
    if (await exists(path)) continue;
    const started = performance.now();
    await writeCsv(`${path}.partial`, shifted, seed);
    await rename(`${path}.partial`, path);
    const { size } = await stat(path);
    console.log(
      `drift: wrote ${path} (${(size / 1e6).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return { reference, current };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

type Column = (next: () => number, normal: () => number) => string;

/** Feature i: numeric when i % 10 < 7 (normal, integer or lognormal), else categorical. */
function columns(shifted: boolean): Column[] {
  return Array.from({ length: DRIFT_FEATURES }, (_, i) => {
    const shift = shifted && i % 5 === 0;
    const gaps = i % 7 === 3;
    const column = i % 10 < 7 ? numeric(i, shift) : categorical(i, shift);
    return gaps ? (next, normal) => (next() < 0.01 ? "" : column(next, normal)) : column;
  });
}

function numeric(i: number, shift: boolean): Column {
  const mean = (i % 13) * 10 + (shift ? 0.3 * (1 + (i % 4)) : 0);
  const std = 1 + (i % 4);
  switch (i % 3) {
    case 0:
      return (_, normal) => (mean + std * normal()).toFixed(3);
    case 1:
      return (_, normal) => String(Math.round(mean + std * normal()));
    default:
      return (_, normal) => Math.exp((mean / 100 + normal()) * (shift ? 1.2 : 1)).toFixed(2);
  }
}

function categorical(i: number, shift: boolean): Column {
  const size = [3, 10, 50, 200][i % 4] as number;
  const skew = shift ? 2.5 : 2;
  const labels = Array.from({ length: size }, (_, k) => `c${i}_${k}`);
  return (next) => labels[Math.floor(next() ** skew * size)] as string;
}

async function writeCsv(path: string, shifted: boolean, seed: number): Promise<void> {
  const out = createWriteStream(path);
  const make = columns(shifted);
  out.write(`${make.map((_, i) => `f${i}`).join(",")}\n`);
  let state = seed;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  let spare = Number.NaN;
  const normal = () => {
    if (!Number.isNaN(spare)) {
      const value = spare;
      spare = Number.NaN;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  const fields: string[] = new Array(make.length);
  for (let row = 0; row < DRIFT_ROWS; row += BATCH) {
    const lines: string[] = [];
    for (let k = 0; k < BATCH; k++) {
      for (let f = 0; f < make.length; f++) fields[f] = (make[f] as Column)(next, normal);
      lines.push(fields.join(","));
    }
    if (!out.write(`${lines.join("\n")}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}
