import { Transform, type TransformCallback } from "node:stream";
import type { Checksum } from "./checksum";

export interface BodyProblem {
  code: "IncompleteBody" | "BadDigest";
  message: string;
}

export interface ExpectedBody {
  length?: number;
  checksum?: Checksum;
}

type Expecting = "chunk-size" | "chunk-data" | "chunk-end" | "trailer" | "nothing";

const MAX_LINE_BYTES = 16 * 1024;

/**
 * Turns an `aws-chunked` request body (signed or unsigned chunks, with or without a
 * checksum trailer) back into the bytes the client meant to store. It never throws:
 * a body that does not add up is recorded in `problem` for the request to be refused.
 */
export class AwsChunkedDecoder extends Transform {
  problem: BodyProblem | undefined;
  private expecting: Expecting = "chunk-size";
  private lineParts: Buffer[] = [];
  private lineBytes = 0;
  private chunkRemaining = 0;
  private decodedLength = 0;
  private readonly trailers = new Map<string, string>();

  constructor(private readonly expected: ExpectedBody) {
    super();
  }

  override _transform(input: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let offset = 0;
    while (offset < input.length && !this.problem && this.expecting !== "nothing") {
      offset =
        this.expecting === "chunk-data"
          ? this.takeData(input, offset)
          : this.takeLine(input, offset);
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    this.problem ??= this.verify();
    done();
  }

  private takeData(input: Buffer, offset: number): number {
    const data = input.subarray(offset, offset + this.chunkRemaining);
    this.chunkRemaining -= data.length;
    this.decodedLength += data.length;
    this.expected.checksum?.update(data);
    this.push(data);
    if (this.chunkRemaining === 0) this.expecting = "chunk-end";
    return offset + data.length;
  }

  private takeLine(input: Buffer, offset: number): number {
    const newline = input.indexOf(0x0a, offset);
    const end = newline === -1 ? input.length : newline;
    this.lineParts.push(input.subarray(offset, end));
    this.lineBytes += end - offset;
    if (this.lineBytes > MAX_LINE_BYTES) this.problem = incomplete("A chunk header is too long.");
    if (newline === -1 || this.problem) return input.length;
    const line = Buffer.concat(this.lineParts).toString("latin1").replace(/\r$/, "");
    this.lineParts = [];
    this.lineBytes = 0;
    this.onLine(line);
    return newline + 1;
  }

  private onLine(line: string): void {
    if (this.expecting === "chunk-size") {
      const size = line.split(";")[0]?.trim() ?? "";
      if (!/^[0-9a-fA-F]{1,12}$/.test(size)) {
        this.problem = incomplete(`"${line.slice(0, 40)}" is not a chunk header.`);
        return;
      }
      this.chunkRemaining = Number.parseInt(size, 16);
      this.expecting = this.chunkRemaining === 0 ? "trailer" : "chunk-data";
    } else if (this.expecting === "chunk-end") {
      if (line !== "") this.problem = incomplete("A chunk is longer than its header says.");
      this.expecting = "chunk-size";
    } else if (line === "") {
      this.expecting = "nothing";
    } else {
      const colon = line.indexOf(":");
      this.trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
  }

  private verify(): BodyProblem | undefined {
    if (this.expecting !== "trailer" && this.expecting !== "nothing") {
      return incomplete("The body ended before its final chunk.");
    }
    const { length, checksum } = this.expected;
    if (length !== undefined && length !== this.decodedLength) {
      return incomplete(
        `The chunks hold ${this.decodedLength} bytes; x-amz-decoded-content-length says ${length}.`,
      );
    }
    const sent = checksum && this.trailers.get(`x-amz-checksum-${checksum.name.toLowerCase()}`);
    if (checksum && sent !== undefined && sent !== checksum.base64()) {
      return {
        code: "BadDigest",
        message: `The ${checksum.name} you specified did not match the calculated checksum.`,
      };
    }
    return undefined;
  }
}

function incomplete(message: string): BodyProblem {
  return { code: "IncompleteBody", message };
}
