import { describe, expect, it } from "vitest";
import { rejection, scanJsonl } from "./test-helpers";

describe("JSON Lines", () => {
  it("skips blank lines and counts them in line numbers", async () => {
    const result = await scanJsonl('{"a":1}\n\n  \r\n{"a":2}\r\n');
    expect(result.rows).toBe(2);
    expect(await rejection(() => scanJsonl('{"a":1}\n\n{"a":\n'))).toMatch(
      /^line 3: invalid JSON: /,
    );
  });

  it("rejects a line that is not an object, naming what it is", async () => {
    expect(await rejection(() => scanJsonl('{"a":1}\n[1,2]\n'))).toBe(
      "line 2: expected a JSON object, got an array",
    );
    expect(await rejection(() => scanJsonl("null\n"))).toBe(
      "line 1: expected a JSON object, got null",
    );
    expect(await rejection(() => scanJsonl('{"a":1}\n"text"'))).toBe(
      "line 2: expected a JSON object, got a string",
    );
  });

  it("rejects a stream without objects", async () => {
    expect(await rejection(() => scanJsonl("\n\n"))).toBe("no rows");
  });

  it("reads lines cut across chunks", async () => {
    const text = '{"name":"Zoë","n":1}\n{"name":"Łukasz","n":2}\n';
    const result = await scanJsonl(text, [3, 11, 12, 27]);
    expect(result.rows).toBe(2);
    expect(result.columns[0]?.top?.map((t) => t.value).sort()).toEqual(["Zoë", "Łukasz"]);
  });
});

describe("limits", () => {
  it("rejects more than 1000 columns, naming the line", async () => {
    const wide = JSON.stringify(
      Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`c${i}`, i])),
    );
    expect(await rejection(() => scanJsonl(`{"a":1}\n${wide}\n`))).toBe(
      "line 2: more than 1000 columns",
    );
  });
});
