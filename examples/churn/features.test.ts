import { describe, expect, it } from "vitest";
import { encode, fitEncoder, frameRecords, inferSchema, labels } from "./features";
import { appendCsv, emptyFrame, parseCsv } from "./frame";

describe("CSV frames", () => {
  it("parses quoted fields and CRLF, skipping blank lines", () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\r\n\r\n1,"two\nlines"\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["1", "two\nlines"],
    ]);
  });

  it("concatenates parts that share a header and rejects one that does not", () => {
    const frame = appendCsv(emptyFrame(), "a,b\n1,2\n", "part-1");
    appendCsv(frame, "a,b\n3,4\n5,6\n", "part-2");
    expect(frame.length).toBe(3);
    expect(frame.columns).toEqual([
      ["1", "3", "5"],
      ["2", "4", "6"],
    ]);
    expect(() => appendCsv(frame, "a,c\n1,2\n", "part-3")).toThrow(/part-3: header "a,c"/);
    expect(() => appendCsv(frame, "a,b\n1\n", "part-4")).toThrow(/part-4 line 2: 1 fields/);
  });
});

describe("features", () => {
  const frame = appendCsv(
    emptyFrame(),
    [
      "id,day,plan,price,senior,churned",
      "A1,2026-01-01,basic,10,false,true",
      "A2,2026-01-02,pro,30,true,false",
      "A3,2026-01-03,basic,20,false,false",
      "A4,2026-01-04,basic,,true,true",
      "A5,2026-01-05,pro,40,false,false",
    ].join("\n"),
  );

  it("infers numbers, booleans and categories; ignores identifiers and dates", () => {
    expect(inferSchema(frame, "churned")).toEqual({
      label: "churned",
      columns: [
        { name: "plan", type: "category", levels: ["basic", "pro"] },
        { name: "price", type: "number" },
        { name: "senior", type: "boolean" },
      ],
      ignored: [
        { name: "id", reason: "identifier-like (5 distinct values)" },
        { name: "day", reason: "date" },
      ],
    });
    expect(() => inferSchema(frame, "nope")).toThrow(/no column "nope"/);
  });

  it("one-hot encodes, scales with training statistics and fills gaps", () => {
    const encoder = fitEncoder(frame, inferSchema(frame, "churned"), [0, 1, 2]);
    expect(encoder.features).toEqual(["plan=basic", "plan=pro", "price", "senior"]);
    const [first, , , missing] = encode(encoder, frameRecords(frame, [0, 1, 2, 3]));
    const scale = Math.sqrt(200 / 3);
    expect(Array.from(first ?? [])).toEqual([1, 0, -10 / scale, expect.closeTo(-Math.SQRT1_2, 12)]);
    expect(missing?.[2]).toBe(0);
    const [unseen] = encode(encoder, [(name) => (name === "plan" ? "enterprise" : "")]);
    expect(Array.from(unseen ?? []).slice(0, 2)).toEqual([0, 0]);
  });

  it("reads labels as true/false, 1/0 or yes/no", () => {
    expect(Array.from(labels(["true", "FALSE", "1", "0", "yes", "no"]))).toEqual([
      1, 0, 1, 0, 1, 0,
    ]);
    expect(() => labels(["true", "maybe"])).toThrow(/row 2: "maybe"/);
  });
});
