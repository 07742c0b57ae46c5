import { describe, expect, it } from "vitest";
import { Hyperparameters } from "./contract";
import { appendCsv, emptyFrame } from "./frame";
import { churnCsv } from "./generate";
import { predict } from "./model";
import { failsAt, formatPredictions, parseRows, readSwitches } from "./serving";
import { trainOnFrame } from "./training";

const csv = churnCsv({ rows: 400 });
const { model } = trainOnFrame(appendCsv(emptyFrame(), csv), Hyperparameters.parse({ trees: 5 }), {
  runId: "run_1",
});
const [header = "", ...lines] = csv.trimEnd().split("\n");
const names = header.split(",");
const inputs = model.schema.columns.map((c) => c.name);
const records = lines.slice(0, 3).map((line) => {
  const values = line.split(",");
  return Object.fromEntries(names.map((name, c) => [name, values[c] ?? ""]));
});
const scores = predict(model, records);
const rowsOf = (body: string, type?: string) => predict(model, parseRows(model, body, type));

describe("reading /invocations bodies", () => {
  it("reads CSV with the training header, without it, without the label, or only the inputs", () => {
    const body = lines.slice(0, 3).join("\n");
    expect(rowsOf(`${header}\n${body}\n`, "text/csv")).toEqual(scores);
    expect(rowsOf(body, "text/csv; charset=utf-8")).toEqual(scores);
    const withoutLabel = records.map((r) => names.filter((n) => n !== "churned").map((n) => r[n]));
    expect(rowsOf(withoutLabel.join("\n"), "text/csv")).toEqual(scores);
    const inputsOnly = records.map((r) => inputs.map((n) => r[n]).join(","));
    expect(rowsOf(inputsOnly.join("\r\n"), "text/csv")).toEqual(scores);
    const reordered = [...inputs].reverse();
    const byName = records.map((r) => reordered.map((n) => r[n]).join(","));
    expect(rowsOf(`${reordered.join(",")}\n${byName.join("\n")}`, "text/csv")).toEqual(scores);
  });

  it("reads JSON instances, an array of objects and JSON Lines, with typed values", () => {
    const typed = records.map((r) => ({
      ...r,
      tenure_months: Number(r.tenure_months),
      senior: r.senior === "true",
    }));
    expect(rowsOf(JSON.stringify({ instances: typed }), "application/json")).toEqual(scores);
    expect(rowsOf(JSON.stringify(typed), "application/json")).toEqual(scores);
    const jsonl = `${typed.map((r) => JSON.stringify(r)).join("\n")}\n\n`;
    expect(rowsOf(jsonl, "application/jsonlines")).toEqual(scores);
    expect(rowsOf(JSON.stringify(typed))).toEqual(scores);
  });

  it.each([
    ["text/csv", "", "the body has no rows"],
    ["text/csv", `${header}\n${lines[0]},extra`, "row 1: 13 fields, the header has 12"],
    ["text/csv", "1,2,3", "row 1: 3 fields; without a header a row has 12 (customer_id,"],
    [
      "text/csv",
      "tenure_months,contract\n3,one-year",
      'the header has no column "internet_service',
    ],
    [
      "text/csv",
      `${header}\n${lines[0]}\n${lines[1]?.replace(/,(\d+),/, ",abc,")}`,
      'row 2, column "tenure_months": "abc" is not a number',
    ],
    ["application/json", "{instances:", "the body is not JSON"],
    ["application/json", '{"rows":[]}', 'expected {"instances": [{...}, ...]}'],
    ["application/json", "[1]", "row 1: expected an object of column → value, got a number"],
    [
      "application/json",
      JSON.stringify([{ ...records[0], senior: "maybe" }]),
      'row 1, column "senior": "maybe" is not true or false',
    ],
    [
      "application/json",
      JSON.stringify([{ ...records[0], contract: ["a"] }]),
      'row 1, column "contract": expected a string, number, boolean or null, got an array',
    ],
    [
      "application/json",
      JSON.stringify([records[0], { ...records[0], monthly_charges: undefined }]),
      'row 2: no column "monthly_charges"',
    ],
    ["application/jsonlines", `${JSON.stringify(records[0])}\nnot json`, "row 2 is not JSON"],
    ["text/plain", "1,2", 'unsupported Content-Type "text/plain"'],
  ])("%s %j is refused: %s", (type, body, message) => {
    expect(() => parseRows(model, body, type)).toThrow(message);
  });

  it("treats empty values as missing, as training does", () => {
    const [row] = parseRows(model, JSON.stringify([{ ...records[0], monthly_charges: null }]));
    expect(row?.monthly_charges).toBe("");
  });
});

describe("answers", () => {
  it("are JSON predictions by default, one probability per line for text/csv", () => {
    expect(JSON.parse(formatPredictions([0.83, 0.2]).body)).toEqual({
      predictions: [
        { probability: 0.83, label: true },
        { probability: 0.2, label: false },
      ],
    });
    expect(formatPredictions([0.83, 0.2], "text/csv")).toEqual({
      contentType: "text/csv",
      body: "0.83\n0.2\n",
    });
    expect(formatPredictions([0.5], "application/jsonlines").body).toBe(
      '{"probability":0.5,"label":true}\n',
    );
    expect(formatPredictions([0.5], "text/html, */*;q=0.8").contentType).toBe("application/json");
    expect(() => formatPredictions([0.5], "text/html")).toThrow(/cannot answer Accept/);
  });
});

describe("the demo switches", () => {
  it("fail exactly the chosen share of requests, evenly spread", () => {
    const failures = (share: number) =>
      Array.from({ length: 40 }, (_, i) => failsAt(i + 1, share)).filter(Boolean).length;
    expect([0, 0.1, 0.25, 0.5, 1].map(failures)).toEqual([0, 4, 10, 20, 40]);
    expect(failsAt(1, 0.5)).toBe(false);
    expect(failsAt(2, 0.5)).toBe(true);
  });

  it("come from the artifact's hyperparameters, the environment overriding them", () => {
    const failing = { ...model, hyperparameters: { ...model.hyperparameters, failServing: 0.5 } };
    expect(readSwitches(failing, {})).toEqual({
      failServing: 0.5,
      slowPing: false,
      predictionShift: 0,
    });
    expect(
      readSwitches(failing, {
        GYRE_FAIL_SERVING: "0",
        GYRE_SLOW_PING: "1",
        GYRE_PREDICTION_SHIFT: "-0.2",
      }),
    ).toEqual({ failServing: 0, slowPing: true, predictionShift: -0.2 });
    expect(() => readSwitches(model, { GYRE_FAIL_SERVING: "half" })).toThrow(
      'GYRE_FAIL_SERVING="half" is not a number from 0 to 1',
    );
  });
});
