import { describe, expect, it } from "vitest";
import { compareProfiles } from "./compare";
import { scanCsv } from "./test-helpers";

function gaussian(seed: number): () => number {
  let state = seed;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

function dataset(n: number, shift: number, seed: number, extra = false): string {
  const normal = gaussian(seed);
  const lines = [`amount,segment,code${extra ? ",score" : ""}`];
  for (let i = 0; i < n; i++) {
    const segment = ["a", "b", "c"][i % 3];
    lines.push(
      `${(100 + 15 * (normal() + shift)).toFixed(4)},${segment},${i % 5}${extra ? `,${i % 2}` : ""}`,
    );
  }
  return lines.join("\n");
}

describe("compareProfiles", () => {
  it("reports added and removed columns and type changes", async () => {
    const a = await scanCsv("id,kind,old\n1,x,1\n2,y,2\n");
    const b = await scanCsv("id,kind,new\n1.5,x,1\n2,y,2\n");
    const comparison = compareProfiles(a, b);
    expect(comparison.added).toEqual([{ name: "new", type: "integer" }]);
    expect(comparison.removed).toEqual([{ name: "old", type: "integer" }]);
    expect(comparison.typeChanged).toEqual([{ name: "id", from: "integer", to: "number" }]);
    expect(comparison.columns.map((c) => c.name)).toEqual(["id", "kind"]);
  });

  it("finds no drift between two samples of one distribution", async () => {
    const comparison = compareProfiles(
      await scanCsv(dataset(20000, 0, 1)),
      await scanCsv(dataset(20000, 0, 2)),
    );
    const amount = comparison.columns.find((c) => c.name === "amount");
    expect(amount?.drift).toMatchObject({ method: "quantile-bins", level: "none" });
    expect(amount?.drift?.psi).toBeLessThan(0.02);
    expect(amount?.drift?.ks).toBeLessThan(0.03);
    expect(Math.abs(amount?.mean?.shift ?? 1)).toBeLessThan(0.05);
    expect(comparison.columns.find((c) => c.name === "segment")?.drift).toMatchObject({
      level: "none",
    });
  });

  it("scores a shifted distribution as major drift", async () => {
    const comparison = compareProfiles(
      await scanCsv(dataset(20000, 0, 1)),
      await scanCsv(dataset(20000, 1, 2)),
    );
    const amount = comparison.columns.find((c) => c.name === "amount");
    expect(amount?.mean?.shift).toBeGreaterThan(0.9);
    expect(amount?.drift?.level).toBe("major");
    expect(amount?.drift?.ks).toBeGreaterThan(0.3);
    expect(amount?.drift?.ks).toBeLessThan(0.45);
  });

  it("compares categories: gained and lost top values and their drift", async () => {
    const a = await scanCsv(`color\n${"red\n".repeat(50)}${"blue\n".repeat(50)}`);
    const b = await scanCsv(`color\n${"red\n".repeat(50)}${"green\n".repeat(50)}`);
    const color = compareProfiles(a, b).columns[0];
    expect(color).toMatchObject({
      topGained: ["green"],
      topLost: ["blue"],
      drift: { method: "categories", level: "major" },
    });
    expect(color?.missingRate).toEqual({ a: 0, b: 0 });
  });
});
