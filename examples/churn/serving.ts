import { parseCsv } from "./frame";
import type { ChurnModel } from "./model";

/** A request the server refuses, with the status it answers and a message naming the row and column. */
export class BadRequest extends Error {
  constructor(
    message: string,
    readonly status: 400 | 406 | 413 | 415 = 400,
  ) {
    super(message);
  }
}

export type Row = Record<string, string>;

/** The rows of an /invocations body: CSV (header optional), JSON or JSON Lines, checked against the model's inputs. */
export function parseRows(model: ChurnModel, body: string, contentType = ""): Row[] {
  const type = mediaType(contentType) || (/^\s*[[{]/.test(body) ? "application/json" : "text/csv");
  const rows =
    type === "text/csv"
      ? csvRows(model, body)
      : type === "application/json"
        ? jsonRows(parseJson(body, "the body"))
        : JSON_LINES.has(type)
          ? jsonLinesRows(body)
          : unsupported(type);
  if (rows.length === 0) throw new BadRequest("the body has no rows");
  rows.forEach((row, i) => {
    checkRow(model, row, i + 1);
  });
  return rows;
}

const JSON_LINES = new Set([
  "application/jsonlines",
  "application/jsonl",
  "application/x-jsonlines",
]);

function unsupported(type: string): never {
  throw new BadRequest(
    `unsupported Content-Type "${type}": send text/csv, application/json or application/jsonlines`,
    415,
  );
}

function csvRows(model: ChurnModel, body: string): Row[] {
  let records: string[][];
  try {
    records = parseCsv(body);
  } catch (error) {
    throw new BadRequest(`the CSV is malformed: ${(error as Error).message}`);
  }
  const inputs = model.schema.columns.map((c) => c.name);
  const known = new Set([...inputs, ...(model.columns ?? [])]);
  const first = records[0] ?? [];
  if (first.some((field) => known.has(field))) {
    records.shift();
    const missing = inputs.filter((name) => !first.includes(name));
    if (missing.length) throw new BadRequest(`the header has no column "${missing.join('", "')}"`);
    return records.map((record, i) => {
      if (record.length !== first.length) {
        throw new BadRequest(
          `row ${i + 1}: ${record.length} fields, the header has ${first.length}`,
        );
      }
      return zip(first, record);
    });
  }
  const layouts = headerlessLayouts(model, inputs);
  return records.map((record, i) => {
    const layout = layouts.find((names) => names.length === record.length);
    if (!layout) {
      const expected = layouts.map((names) => `${names.length} (${names.join(",")})`);
      throw new BadRequest(
        `row ${i + 1}: ${record.length} fields; without a header a row has ${expected.join(" or ")}`,
      );
    }
    return zip(layout, record);
  });
}

/** Without a header, a row may be a training row, one without the label, or just the model's inputs. */
function headerlessLayouts(model: ChurnModel, inputs: string[]): string[][] {
  const training = model.columns ?? [];
  const layouts = [training, training.filter((name) => name !== model.label), inputs];
  return layouts.filter(
    (names, i) => names.length > 0 && layouts.findIndex((n) => n.length === names.length) === i,
  );
}

function zip(names: string[], values: string[]): Row {
  return Object.fromEntries(names.map((name, c) => [name, values[c] ?? ""]));
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequest(`${what} is not JSON: ${(error as Error).message}`);
  }
}

function jsonRows(body: unknown): Row[] {
  const instances = Array.isArray(body)
    ? body
    : isObject(body) && Array.isArray(body.instances)
      ? body.instances
      : undefined;
  if (!instances) {
    throw new BadRequest('expected {"instances": [{...}, ...]} or an array of objects');
  }
  return instances.map((instance, i) => jsonRow(instance, i + 1));
}

function jsonLinesRows(body: string): Row[] {
  return body
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => jsonRow(parseJson(line, `row ${i + 1}`), i + 1));
}

function jsonRow(instance: unknown, row: number): Row {
  if (!isObject(instance)) {
    throw new BadRequest(`row ${row}: expected an object of column → value, got ${kind(instance)}`);
  }
  return Object.fromEntries(
    Object.entries(instance).map(([name, value]) => {
      if (value === null || value === undefined) return [name, ""];
      if (typeof value === "object") {
        throw new BadRequest(
          `row ${row}, column "${name}": expected a string, number, boolean or null, got ${kind(value)}`,
        );
      }
      return [name, String(value)];
    }),
  );
}

/** Empty values are allowed (a number becomes the mean); a missing column or a non-number is not. */
function checkRow(model: ChurnModel, row: Row, n: number): void {
  for (const input of model.schema.columns) {
    const value = row[input.name];
    if (value === undefined) throw new BadRequest(`row ${n}: no column "${input.name}"`);
    const text = value.trim();
    if (text === "" || input.type === "category") continue;
    if (input.type === "boolean" && !/^(true|false|0|1)$/i.test(text)) {
      throw new BadRequest(`row ${n}, column "${input.name}": "${value}" is not true or false`);
    }
    if (
      input.type === "number" &&
      !/^(true|false)$/i.test(text) &&
      !Number.isFinite(Number(text))
    ) {
      throw new BadRequest(`row ${n}, column "${input.name}": "${value}" is not a number`);
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kind(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

function mediaType(header: string): string {
  return (header.split(";")[0] ?? "").trim().toLowerCase();
}

/** The answer for `Accept`: JSON by default, one probability per line for text/csv. */
export function formatPredictions(
  probabilities: number[],
  accept = "",
): { contentType: string; body: string } {
  const wanted = accept.split(",").map(mediaType).filter(Boolean);
  const type =
    wanted.length === 0
      ? "application/json"
      : wanted.map((w) => ANSWERS[w]).find((t) => t !== undefined);
  const predictions = probabilities.map((probability) => ({
    probability,
    label: probability >= 0.5,
  }));
  if (type === "text/csv") return { contentType: type, body: `${probabilities.join("\n")}\n` };
  if (type === "application/jsonlines") {
    return { contentType: type, body: `${predictions.map((p) => JSON.stringify(p)).join("\n")}\n` };
  }
  if (type === "application/json")
    return { contentType: type, body: JSON.stringify({ predictions }) };
  throw new BadRequest(
    `cannot answer Accept "${accept}": ask for application/json, text/csv or application/jsonlines`,
    406,
  );
}

const ANSWERS: Record<string, string> = {
  "*/*": "application/json",
  "application/*": "application/json",
  "application/json": "application/json",
  "text/*": "text/csv",
  "text/csv": "text/csv",
  "application/jsonlines": "application/jsonlines",
  "application/jsonl": "application/jsonlines",
  "application/x-jsonlines": "application/jsonlines",
};

/** The demo switches: a hyperparameter recorded in the artifact, overridden by the environment. */
export interface Switches {
  /** The share (0..1) of /invocations requests that answer 500. */
  failServing: number;
  /** Never answer /ping. */
  slowPing: boolean;
  /** Added to every probability, which stays in [0, 1]. */
  predictionShift: number;
}

export function readSwitches(model: ChurnModel, env: NodeJS.ProcessEnv): Switches {
  const h = model.hyperparameters;
  return {
    failServing: numberFrom(env, "GYRE_FAIL_SERVING", h.failServing ?? 0, 0, 1),
    slowPing: env.GYRE_SLOW_PING ? env.GYRE_SLOW_PING === "1" : (h.slowPing ?? false),
    predictionShift: numberFrom(env, "GYRE_PREDICTION_SHIFT", h.predictionShift ?? 0, -1, 1),
  };
}

function numberFrom(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
) {
  const text = env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${name}="${text}" is not a number from ${min} to ${max}`);
  }
  return value;
}

/** Whether the n-th request (from 1) fails: exactly `share` of any run of requests, evenly spread. */
export function failsAt(n: number, share: number): boolean {
  return Math.floor(n * share + 1e-9) > Math.floor((n - 1) * share + 1e-9);
}

export function shifted(probabilities: number[], shift: number): number[] {
  if (shift === 0) return probabilities;
  return probabilities.map((p) => Math.min(1, Math.max(0, p + shift)));
}
