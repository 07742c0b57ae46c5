import { randomUUID } from "node:crypto";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";

/** The flush points: SageMaker writes captured records in files by size or every few seconds. */
const MAX_BYTES = 1024 * 1024;
const FLUSH_MS = 2_000;

interface Captured {
  variant: string;
  line: string;
}

/**
 * Data capture as SageMaker writes it: one JSON Lines record per sampled invocation
 * (`captureData.endpointInput`/`endpointOutput`, `eventMetadata`, `eventVersion`), in files
 * under `<destination><variant>/yyyy/mm/dd/hh/`, put through the S3 SDK so the bucket's
 * ordinary `Object Created` events follow.
 */
export class DataCapture {
  private buffer: Captured[] = [];
  private bytes = 0;
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly s3: S3Client,
    private readonly log: (line: string) => void,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  record(
    destination: { bucket: string; prefix: string },
    variant: string,
    input: { contentType: string; body: Uint8Array; inferenceId?: string },
    output: { contentType: string; body: Uint8Array },
  ): void {
    const record = {
      captureData: {
        endpointInput: payload(input, "INPUT"),
        endpointOutput: payload(output, "OUTPUT"),
      },
      eventMetadata: {
        eventId: randomUUID(),
        ...(input.inferenceId ? { inferenceId: input.inferenceId } : {}),
        inferenceTime: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      },
      eventVersion: "0",
    };
    const line = `${JSON.stringify(record)}\n`;
    this.buffer.push({
      variant: `${destination.bucket}\u0000${destination.prefix}${variant}`,
      line,
    });
    this.bytes += line.length;
    if (this.bytes >= MAX_BYTES) void this.flush();
  }

  /** Writes what is buffered, one object per variant. */
  flush(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    this.bytes = 0;
    this.flushing = this.flushing.then(() => this.write(batch));
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async write(batch: Captured[]): Promise<void> {
    const byTarget = new Map<string, string[]>();
    for (const { variant, line } of batch)
      byTarget.set(variant, [...(byTarget.get(variant) ?? []), line]);
    for (const [target, lines] of byTarget) {
      const [bucket = "", prefix = ""] = target.split("\u0000");
      const now = new Date();
      const hour = now.toISOString().slice(0, 13).replace(/[-T]/g, "/");
      const key = `${prefix}/${hour}/${now.toISOString().replace(/[:.]/g, "-")}-${randomUUID().slice(0, 8)}.jsonl`;
      await this.s3
        .send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: lines.join(""),
            ContentType: "application/jsonl",
          }),
        )
        .catch((error: Error) => this.log(`data capture: ${key} not written (${error.message})`));
    }
  }
}

function payload(part: { contentType: string; body: Uint8Array }, mode: "INPUT" | "OUTPUT") {
  const encoding = /csv/.test(part.contentType)
    ? "CSV"
    : /json/.test(part.contentType)
      ? "JSON"
      : "BASE64";
  const data = Buffer.from(part.body).toString(encoding === "BASE64" ? "base64" : "utf8");
  return { observedContentType: part.contentType, mode, data, encoding };
}
