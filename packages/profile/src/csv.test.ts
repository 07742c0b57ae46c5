import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { scanObject } from "./scan";
import { chunksOf, column, rejection, scanCsv } from "./test-helpers";

describe("CSV", () => {
  it("reads RFC 4180 quoting: delimiters, line breaks and doubled quotes inside quotes", async () => {
    const result = await scanCsv('name,note\n"Smith, J","said ""hi""\nthen left"\nplain,"x"\n');
    expect(result.rows).toBe(2);
    expect(
      column(result, "name")
        .top?.map((t) => t.value)
        .sort(),
    ).toEqual(["Smith, J", "plain"]);
    expect(
      column(result, "note")
        .top?.map((t) => t.value)
        .sort(),
    ).toEqual(['said "hi"\nthen left', "x"]);
  });

  it("tolerates a byte order mark and CRLF line ends", async () => {
    const result = await scanCsv("\uFEFFa,b\r\n1,x\r\n2,y\r\n");
    expect(result.columns.map((c) => [c.name, c.type])).toEqual([
      ["a", "integer"],
      ["b", "string"],
    ]);
    expect(column(result, "b").top?.map((t) => t.value)).toEqual(["x", "y"]);
    expect(result.rows).toBe(2);
  });

  it("reads CR-only line ends, and CRLF cut between CR and LF", async () => {
    expect((await scanCsv("a,b\r1,2\r3,4\r")).rows).toBe(2);
    const crlf = "a,b\r\n1,2\r\n3,4\r\n";
    const everyByte = Array.from({ length: crlf.length - 1 }, (_, i) => i + 1);
    expect((await scanCsv(crlf, everyByte)).rows).toBe(2);
    expect(await rejection(() => scanCsv("a,b\r1,2\r3\r"))).toBe(
      "line 3: expected 2 fields, got 1",
    );
  });

  it("reads a last line without a line break, skips blank lines, and sniffs tabs", async () => {
    expect((await scanCsv("a,b\n1,2\n\n3,4")).rows).toBe(2);
    const tsv = await scanCsv("a\tb\n1\tx,y\n");
    expect(column(tsv, "b").top).toEqual([{ value: "x,y", count: 1 }]);
  });

  it("rejects a ragged row with its line number", async () => {
    const reason = await rejection(() => scanCsv("a,b,c\n1,2,3\n4,5\n"));
    expect(reason).toBe("line 3: expected 3 fields, got 2");
    expect(await rejection(() => scanCsv("a,b\n1,2\n3,4,5\n"))).toBe(
      "line 3: expected 2 fields, got 3",
    );
  });

  it("counts line breaks inside quoted fields, as an editor numbers lines", async () => {
    const csv = 'id,text\n1,"first\nsecond\r\nthird"\n2,ok\n3\n';
    expect(await rejection(() => scanCsv(csv))).toBe("line 6: expected 2 fields, got 1");
  });

  it("names the line of the bad row even when the stream is cut inside the quoted field", async () => {
    const csv = 'id,text\n1,"a\nb"\n2\n';
    for (const cut of [1, 10, 12, 13, 14, 15]) {
      expect(await rejection(() => scanCsv(csv, [cut]))).toBe("line 4: expected 2 fields, got 1");
    }
  });

  it("rejects broken quoting and bad headers", async () => {
    expect(await rejection(() => scanCsv('a,b\n1,"open\n'))).toBe("line 2: unclosed quoted field");
    expect(await rejection(() => scanCsv('a,b\n1,"x"y\n'))).toBe(
      "line 2: unexpected text after a closing quote",
    );
    expect(await rejection(() => scanCsv("a,a\n1,2\n"))).toBe('line 1: column "a" appears twice');
    expect(await rejection(() => scanCsv("a,,c\n1,2,3\n"))).toBe("line 1: column 2 has no name");
  });

  it("rejects a file without data rows", async () => {
    expect(await rejection(() => scanCsv("a,b\n"))).toBe("no rows");
    expect(await rejection(() => scanCsv(""))).toBe("no rows");
  });

  it("gunzips a gzip stream and hashes the compressed bytes", async () => {
    const gz = gzipSync("a,b\n1,x\n2,y\n");
    const result = await scanObject(chunksOf(new Uint8Array(gz), [1, 5]), "csv");
    expect(result).toMatchObject({ rows: 2, bytes: gz.length });
    expect(
      await rejection(() => scanObject(chunksOf(new Uint8Array([0x1f, 0x8b, 1, 2, 3])), "csv")),
    ).toMatch(/^invalid gzip/);
  });
});
