import { describe, expect, it } from "vitest";
import { CHURN_COLUMNS, churnCsv, generateChurn } from "./generate";

function rows(csv: string) {
  const [header = "", ...lines] = csv.trimEnd().split("\n");
  const names = header.split(",");
  return lines.map((line) => {
    const values = line.split(",");
    return Object.fromEntries(names.map((name, i) => [name, values[i] ?? ""]));
  });
}

const mean = (values: number[]) => values.reduce((sum, x) => sum + x, 0) / values.length;

describe("generateChurn", () => {
  it("writes the header then one line per customer, every field filled", () => {
    const lines = [...generateChurn({ rows: 50 })];
    expect(lines).toHaveLength(51);
    expect(lines[0]).toBe(`${CHURN_COLUMNS.join(",")}\n`);
    for (const line of lines) {
      expect(line.endsWith("\n")).toBe(true);
      expect(line.trimEnd().split(",")).toHaveLength(CHURN_COLUMNS.length);
    }
    const [first] = rows(lines.join(""));
    expect(first?.customer_id).toBe("C0000001");
    expect(first?.signup_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(["month-to-month", "one-year", "two-year"]).toContain(first?.contract);
    expect(["true", "false"]).toContain(first?.churned);
  });

  it("is deterministic for a seed (default 42) and differs across seeds", () => {
    expect(churnCsv({ rows: 200 })).toBe(churnCsv({ rows: 200, seed: 42 }));
    expect(churnCsv({ rows: 200, seed: 7 })).toBe(churnCsv({ rows: 200, seed: 7 }));
    expect(churnCsv({ rows: 200, seed: 7 })).not.toBe(churnCsv({ rows: 200, seed: 8 }));
  });

  it("has a plausible churn rate and values", () => {
    const data = rows(churnCsv({ rows: 5000 }));
    const churnRate = mean(data.map((row) => Number(row.churned === "true")));
    expect(churnRate).toBeGreaterThan(0.18);
    expect(churnRate).toBeLessThan(0.35);
    for (const row of data) {
      expect(Number(row.tenure_months)).toBeGreaterThanOrEqual(1);
      expect(Number(row.tenure_months)).toBeLessThanOrEqual(72);
      expect(Number(row.monthly_charges)).toBeGreaterThanOrEqual(18);
    }
  });

  it("shifts the features with drift: pricier, newer customers, more month-to-month", () => {
    const base = rows(churnCsv({ rows: 4000 }));
    const drifted = rows(churnCsv({ rows: 4000, drift: 1 }));
    const average = (data: typeof base, name: string) => mean(data.map((row) => Number(row[name])));
    const share = (data: typeof base) =>
      mean(data.map((row) => Number(row.contract === "month-to-month")));
    expect(average(drifted, "monthly_charges")).toBeGreaterThan(
      average(base, "monthly_charges") + 10,
    );
    expect(average(drifted, "tenure_months")).toBeLessThan(average(base, "tenure_months") * 0.7);
    expect(share(drifted)).toBeGreaterThan(share(base) + 0.15);
    expect(average(drifted, "support_calls")).toBeGreaterThan(average(base, "support_calls") + 0.5);
  });

  it("streams: the first lines of a billion rows come without building them all", () => {
    const started = performance.now();
    const lines = generateChurn({ rows: 1_000_000_000 });
    expect(lines.next().value).toContain("customer_id");
    expect(lines.next().value).toMatch(/^C0000001,/);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
