/** What a shadow stage saw: how often the two fleets' predictions differ, and by how much. */
export class ShadowComparison {
  private compared = 0;
  private differing = 0;
  private totalDelta = 0;
  private values = 0;

  record(serving: number[], shadow: number[]): void {
    this.compared++;
    const pairs = Math.min(serving.length, shadow.length);
    let differs = serving.length !== shadow.length;
    for (let i = 0; i < pairs; i++) {
      const delta = Math.abs((serving[i] as number) - (shadow[i] as number));
      this.totalDelta += delta;
      this.values++;
      if (delta > 1e-9) differs = true;
    }
    if (differs) this.differing++;
  }

  get summary() {
    return {
      requests: this.compared,
      differingShare: this.compared ? this.differing / this.compared : 0,
      meanAbsoluteDelta: this.values ? this.totalDelta / this.values : 0,
    };
  }
}

/**
 * The scores in a model server's answer: JSON numbers under `probability`, `score` or
 * `prediction` (or a bare array of numbers), or one number per line of CSV.
 */
export function predictionsOf(body: Uint8Array, contentType: string): number[] {
  const text = Buffer.from(body).toString("utf8");
  if (/json/.test(contentType)) {
    try {
      return numbersIn(JSON.parse(text));
    } catch {
      return [];
    }
  }
  return text
    .split("\n")
    .map((line) => Number(line.split(",")[0]))
    .filter((n) => Number.isFinite(n));
}

function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key of ["probability", "score", "prediction"]) {
      if (typeof record[key] === "number") return [record[key] as number];
    }
    return Object.entries(record)
      .filter(([key]) => key === "predictions" || key === "scores")
      .flatMap(([, v]) => numbersIn(v));
  }
  return [];
}
