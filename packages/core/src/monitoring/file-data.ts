import { createHash } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { sketchRows } from "@gyre/profile/drift/index";
import { isMissingObject, readText } from "../platform/objects/s3-client";
import { ROW_ID } from "./capture";
import type { MonitoringDeps } from "./deps";
import type { Monitor } from "./monitor";
import type { Row } from "./rows";

/**
 * What a captured file leaves behind: one object, written before the file is claimed for a
 * window, holding on its first line the file's sketches (whole and per `segmentBy` value) and
 * on its second its rows as a table. Range drift merges the first lines of an hour's objects
 * and never parses the rows; a closing window parses only the rows of the files it claimed.
 * The key depends on the file alone, so a repeated event writes the same object again, and a
 * file moved to the next window needs no copy.
 */

/** A segment's sketch is kept for at most this many values of each `segmentBy` column per file. */
export const SEGMENTS_PER_FILE = 50;

export type StoredSketches = { all: unknown; segments?: Record<string, unknown> };

export const hoursPrefix = (monitorId: string) => `monitoring/${monitorId}/hours/`;
export const segmentKey = (column: string, value: unknown) => `${column}=${String(value)}`;

/** The hour a capture key was written in (`.../yyyy/mm/dd/hh/<file>`), as `yyyy-mm-ddThh`. */
export function hourOfCaptureKey(key: string): string | undefined {
  const match = /\/(\d{4})\/(\d{2})\/(\d{2})\/(\d{2})\/[^/]+$/.exec(key);
  return match ? `${match[1]}-${match[2]}-${match[3]}T${match[4]}` : undefined;
}

/** Under its hour (listed by range merges), or, for a key that names none, by itself. */
export function fileDataKey(monitorId: string, file: string): string {
  const name = createHash("sha256").update(file).digest("hex");
  const hour = hourOfCaptureKey(file);
  return hour
    ? `${hoursPrefix(monitorId)}${hour}/${name}.json`
    : `monitoring/${monitorId}/files/${name}.json`;
}

export async function storeFileData(
  monitor: Monitor,
  file: string,
  rows: Row[],
  deps: MonitoringDeps,
): Promise<void> {
  const sketches = JSON.stringify(sketchesOf(monitor, rows));
  await deps.objects.s3.send(
    new PutObjectCommand({
      Bucket: deps.objects.bucket,
      Key: fileDataKey(monitor.id, file),
      Body: `${sketches}\n${JSON.stringify(tableOf(rows))}`,
      ContentType: "application/x-ndjson",
    }),
  );
}

/** The file's sketches: the first line of its object (written before files kept rows too, the whole of it). */
export function sketchesOfText(text: string): StoredSketches {
  const end = text.indexOf("\n");
  return JSON.parse(end < 0 ? text : text.slice(0, end)) as StoredSketches;
}

/**
 * The rows a claimed file left, from its object; a file stored before its rows and sketches
 * shared one object has them in `legacyKey`, its window's chunk.
 */
export async function rowsOfFile(
  monitorId: string,
  file: string,
  legacyKey: string,
  deps: MonitoringDeps,
): Promise<Row[]> {
  const text = await readText(deps.objects, fileDataKey(monitorId, file)).catch(
    (error: unknown) => {
      if (isMissingObject(error)) return "";
      throw error;
    },
  );
  const end = text.indexOf("\n");
  if (end >= 0) return rowsOfTable(JSON.parse(text.slice(end + 1)));
  return rowsOfTable(JSON.parse(await readText(deps.objects, legacyKey)));
}

/** The file's sketches, whole and per `segmentBy` value (at most SEGMENTS_PER_FILE of each column). */
function sketchesOf(monitor: Monitor, rows: Row[]) {
  const segments: Record<string, unknown> = {};
  for (const column of monitor.settings.segmentBy) {
    const groups = new Map<string, Row[]>();
    for (const row of rows) {
      if (row[column] == null) continue;
      const key = segmentKey(column, row[column]);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    for (const [key, members] of [...groups].slice(0, SEGMENTS_PER_FILE))
      segments[key] = sketchRows(members, NOT_FEATURES).toJSON();
  }
  return { all: sketchRows(rows, NOT_FEATURES).toJSON(), segments };
}

/** A row's id is no feature. */
const NOT_FEATURES: ReadonlySet<string> = new Set([ROW_ID]);

type Table = { columns: string[]; values: unknown[][] };

/** Rows as a table: the column names once, then each row's values in that order (less than half the bytes). */
function tableOf(rows: Row[]): Table {
  const index = new Map<string, number>();
  for (const row of rows) for (const name in row) if (!index.has(name)) index.set(name, index.size);
  const columns = [...index.keys()];
  const values = rows.map((row) => columns.map((name) => row[name] ?? null));
  return { columns, values };
}

/** A table's rows (a value a row lacked reads as null); a chunk written before tables were used is an array of rows. */
function rowsOfTable(stored: Table | Row[]): Row[] {
  if (Array.isArray(stored)) return stored;
  const { columns, values } = stored;
  return values.map((cells) => {
    const row: Row = {};
    for (let i = 0; i < columns.length; i++) row[columns[i] as string] = cells[i];
    return row;
  });
}
