import * as z from "zod";
import { csvReader, jsonRows, type Row } from "./rows";
import type { KnownDataset } from "./store";

const Part = z.object({
  observedContentType: z.string(),
  mode: z.string(),
  data: z.string(),
  encoding: z.string(),
});
const Record = z.object({
  captureData: z.object({ endpointInput: Part, endpointOutput: Part.optional() }),
  eventMetadata: z
    .object({ eventId: z.string(), inferenceId: z.string().optional(), inferenceTime: z.string() })
    .loose(),
});

/** The endpoint of a capture key, `capture/gyre-<endpoint>/<variant>/yyyy/mm/dd/hh/<file>`. */
export function endpointOfCaptureKey(key: string): string | undefined {
  return /^capture\/gyre-([^/]+)\/[^/]+\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/[^/]+$/.exec(key)?.[1];
}

/** Where a captured row keeps its inference id (no dataset column can be named so). */
export const ROW_ID = "@id";

/**
 * The rows a SageMaker Data Capture file carries: each record's request, as the baseline's
 * columns read it, with the answer's score as `prediction` when the answer is JSON, and the
 * row's id: the record's inference id (else its event id), `#<row>` after it when the request
 * held more than one row.
 */
export function capturedRows(text: string, columns: KnownDataset["columns"]): Row[] {
  const rows: Row[] = [];
  const readCsv = csvReader(columns);
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const parsed = Record.safeParse(JSON.parse(line));
    if (!parsed.success) continue;
    const { endpointInput, endpointOutput } = parsed.data.captureData;
    const input = decode(endpointInput);
    const requested = /csv/.test(endpointInput.observedContentType)
      ? readCsv(input)
      : jsonRows(input);
    const scores = endpointOutput ? predictions(decode(endpointOutput)) : [];
    const { eventId, inferenceId = eventId } = parsed.data.eventMetadata;
    requested.forEach((row, i) => {
      if (scores[i] !== undefined) row.prediction = scores[i];
      row[ROW_ID] = requested.length === 1 ? inferenceId : `${inferenceId}#${i}`;
      rows.push(row);
    });
  }
  return rows;
}

function decode(part: z.infer<typeof Part>): string {
  return part.encoding === "BASE64" ? Buffer.from(part.data, "base64").toString("utf8") : part.data;
}

function predictions(text: string): number[] {
  try {
    const parsed = JSON.parse(text) as { predictions?: { probability?: number }[] };
    return (parsed.predictions ?? []).map((p) =>
      typeof p === "number" ? p : (p.probability ?? Number.NaN),
    );
  } catch {
    return [];
  }
}
