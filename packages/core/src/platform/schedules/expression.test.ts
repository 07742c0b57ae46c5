import { describe, expect, it } from "vitest";
import { nextFireTime, parseScheduleExpression, scheduleExpressionProblem } from "./expression";

const at = (iso: string) => new Date(iso);
const next = (expression: string, after: string) =>
  nextFireTime(expression, at(after))?.toISOString();
/** The first `n` fire times after `after`. */
const fires = (expression: string, after: string, n: number) => {
  const out: string[] = [];
  let from = at(after);
  for (let i = 0; i < n; i++) {
    const t = nextFireTime(expression, from);
    if (!t) break;
    out.push(t.toISOString().slice(0, 16));
    from = t;
  }
  return out;
};

describe("rate(value unit)", () => {
  it("takes minute(s), hour(s) and day(s)", () => {
    expect(parseScheduleExpression("rate(5 minutes)")).toEqual({ kind: "rate", everyMs: 300_000 });
    expect(parseScheduleExpression("rate(1 hour)")).toEqual({ kind: "rate", everyMs: 3_600_000 });
    expect(parseScheduleExpression("rate(2 days)")).toEqual({ kind: "rate", everyMs: 172_800_000 });
  });

  it("rule: the unit is singular for 1 and plural above 1", () => {
    expect(scheduleExpressionProblem("rate(1 minutes)")).toMatch(/with 1 the unit is singular/);
    expect(scheduleExpressionProblem("rate(2 hour)")).toMatch(/above 1 the unit is plural/);
    expect(scheduleExpressionProblem("rate(1 day)")).toBeUndefined();
  });

  it("rule: the value is a positive whole number (nothing faster than a minute)", () => {
    expect(scheduleExpressionProblem("rate(0 minutes)")).toMatch(/positive whole number/);
    expect(scheduleExpressionProblem("rate(1.5 hours)")).toMatch(/rate\(value unit\)/);
    expect(scheduleExpressionProblem("rate(-1 minute)")).toMatch(/rate\(value unit\)/);
  });

  it("rule: only minute(s), hour(s), day(s); one space between value and unit", () => {
    expect(scheduleExpressionProblem("rate(1 second)")).toMatch(
      /minute\(s\), hour\(s\) or day\(s\)/,
    );
    expect(scheduleExpressionProblem("rate(1 week)")).toBeDefined();
    expect(scheduleExpressionProblem("rate(5  minutes)")).toBeDefined();
    expect(scheduleExpressionProblem("rate(5minutes)")).toBeDefined();
  });

  it("fires one period after the given time", () => {
    expect(next("rate(5 minutes)", "2025-06-01T12:00:30.000Z")).toBe("2025-06-01T12:05:30.000Z");
  });
});

describe("cron(minutes hours day-of-month month day-of-week year)", () => {
  it("rule: exactly six fields, separated by single spaces", () => {
    expect(scheduleExpressionProblem("cron(0 12 * * ?)")).toMatch(/6 fields/);
    expect(scheduleExpressionProblem("cron(0 12 * * ? * *)")).toMatch(/6 fields/);
    expect(scheduleExpressionProblem("cron(0  12 * * ? *)")).toMatch(/6 fields/);
  });

  it("rule: anything but rate(...) or cron(...) is refused, at(...) included", () => {
    expect(scheduleExpressionProblem("at(2025-06-01T12:00:00)")).toMatch(
      /rate\(value unit\) or cron/,
    );
    expect(scheduleExpressionProblem("0 12 * * ? *")).toBeDefined();
  });

  it("rule: exactly one of day-of-month and day-of-week is ?", () => {
    expect(scheduleExpressionProblem("cron(0 12 * * * *)")).toMatch(
      /exactly one of day-of-month and day-of-week must be \?/,
    );
    expect(scheduleExpressionProblem("cron(0 12 ? * ? *)")).toMatch(/exactly one/);
    expect(scheduleExpressionProblem("cron(0 12 1 * MON *)")).toMatch(/exactly one/);
    expect(scheduleExpressionProblem("cron(0 12 * * ? *)")).toBeUndefined();
    expect(scheduleExpressionProblem("cron(0 12 ? * MON *)")).toBeUndefined();
  });

  it("rule: minutes 0-59, hours 0-23, day-of-month 1-31, month 1-12, day-of-week 1-7, year 1970-2199", () => {
    expect(scheduleExpressionProblem("cron(60 * * * ? *)")).toMatch(/minutes: 60 is outside 0-59/);
    expect(scheduleExpressionProblem("cron(0 24 * * ? *)")).toMatch(/hours: 24 is outside 0-23/);
    expect(scheduleExpressionProblem("cron(0 0 0 * ? *)")).toMatch(
      /day-of-month: 0 is outside 1-31/,
    );
    expect(scheduleExpressionProblem("cron(0 0 32 * ? *)")).toMatch(/day-of-month/);
    expect(scheduleExpressionProblem("cron(0 0 1 13 ? *)")).toMatch(
      /month: 13 is outside 1-12 \(or JAN-DEC\)/,
    );
    expect(scheduleExpressionProblem("cron(0 0 ? * 0 *)")).toMatch(
      /day-of-week: 0 is outside 1-7 \(or SUN-SAT\)/,
    );
    expect(scheduleExpressionProblem("cron(0 0 ? * 8 *)")).toMatch(/day-of-week/);
    expect(scheduleExpressionProblem("cron(0 0 1 1 ? 1969)")).toMatch(
      /year: 1969 is outside 1970-2199/,
    );
    expect(scheduleExpressionProblem("cron(0 0 1 1 ? 2200)")).toMatch(/year/);
    expect(scheduleExpressionProblem("cron(0 0 1 1 ? 2199)")).toBeUndefined();
  });

  it("rule: month names JAN-DEC and day names SUN-SAT, in ranges and lists too", () => {
    expect(fires("cron(0 9 1 JAN,JUL ? *)", "2025-01-01T10:00:00Z", 2)).toEqual([
      "2025-07-01T09:00",
      "2026-01-01T09:00",
    ]);
    // 2025-06-02 is a Monday.
    expect(fires("cron(30 8 ? * MON-WED *)", "2025-06-01T00:00:00Z", 4)).toEqual([
      "2025-06-02T08:30",
      "2025-06-03T08:30",
      "2025-06-04T08:30",
      "2025-06-09T08:30",
    ]);
    expect(scheduleExpressionProblem("cron(0 0 ? * WED *)")).toBeUndefined();
    expect(scheduleExpressionProblem("cron(0 0 1 FOO ? *)")).toMatch(/month: "FOO" is not a value/);
  });

  it("rule: * is every value, , adds values, - is an inclusive range that runs forwards", () => {
    expect(fires("cron(0,30 9-10 * * ? *)", "2025-06-01T00:00:00Z", 5)).toEqual([
      "2025-06-01T09:00",
      "2025-06-01T09:30",
      "2025-06-01T10:00",
      "2025-06-01T10:30",
      "2025-06-02T09:00",
    ]);
    expect(scheduleExpressionProblem("cron(0 10-9 * * ? *)")).toMatch(
      /hours: the range "10-9" runs backwards/,
    );
  });

  it("rule: / is an increment from a start value or a range (1/10 is minute 1, 11, 21, ...)", () => {
    expect(fires("cron(1/10 0 * * ? *)", "2025-06-01T00:00:00Z", 7)).toEqual([
      "2025-06-01T00:01",
      "2025-06-01T00:11",
      "2025-06-01T00:21",
      "2025-06-01T00:31",
      "2025-06-01T00:41",
      "2025-06-01T00:51",
      "2025-06-02T00:01",
    ]);
    expect(fires("cron(0 */8 * * ? *)", "2025-06-01T00:00:00Z", 3)).toEqual([
      "2025-06-01T08:00",
      "2025-06-01T16:00",
      "2025-06-02T00:00",
    ]);
    expect(fires("cron(0 0 1-10/5 * ? *)", "2025-06-01T00:00:00Z", 2)).toEqual([
      "2025-06-06T00:00",
      "2025-07-01T00:00",
    ]);
    expect(scheduleExpressionProblem("cron(*/0 * * * ? *)")).toMatch(/increment .* at least 1/);
  });

  it("rule: / is not taken in day-of-week", () => {
    expect(scheduleExpressionProblem("cron(0 0 ? * 1/2 *)")).toMatch(/day-of-week/);
  });

  it("rule: L in day-of-month is the month's last day, leap years included", () => {
    expect(fires("cron(0 0 L * ? *)", "2024-01-31T12:00:00Z", 3)).toEqual([
      "2024-02-29T00:00",
      "2024-03-31T00:00",
      "2024-04-30T00:00",
    ]);
    expect(next("cron(0 0 L 2 ? *)", "2025-01-01T00:00:00Z")).toBe("2025-02-28T00:00:00.000Z");
  });

  it("rule: nW in day-of-month is the weekday nearest day n, without leaving the month", () => {
    // 2025-06-15 is a Sunday → Monday 16th; 2025-03-01 is a Saturday → Monday 3rd, not February.
    expect(next("cron(0 0 15W * ? *)", "2025-06-01T00:00:00Z")).toBe("2025-06-16T00:00:00.000Z");
    expect(next("cron(0 0 1W * ? *)", "2025-02-15T00:00:00Z")).toBe("2025-03-03T00:00:00.000Z");
    // 2025-05-31 is a Saturday → Friday 30th.
    expect(next("cron(0 0 LW * ? *)", "2025-05-01T00:00:00Z")).toBe("2025-05-30T00:00:00.000Z");
    expect(scheduleExpressionProblem("cron(0 0 1,15W * ? *)")).toMatch(/stand alone/);
  });

  it("rule: W and # are refused outside their fields", () => {
    expect(scheduleExpressionProblem("cron(0 0 ? * 2W *)")).toMatch(/day-of-week/);
    expect(scheduleExpressionProblem("cron(0 0 3#2 * ? *)")).toMatch(/day-of-month/);
    expect(scheduleExpressionProblem("cron(0 L * * ? *)")).toMatch(/hours/);
  });

  it("rule: L in day-of-week is Saturday; nL is the month's last day n", () => {
    expect(next("cron(0 0 ? * L *)", "2025-06-01T00:00:00Z")).toBe("2025-06-07T00:00:00.000Z");
    // The last Friday of June 2025 is the 27th.
    expect(next("cron(0 0 ? * 6L *)", "2025-06-01T00:00:00Z")).toBe("2025-06-27T00:00:00.000Z");
    expect(next("cron(0 0 ? * FRIL *)", "2025-06-01T00:00:00Z")).toBe("2025-06-27T00:00:00.000Z");
  });

  it("rule: n#k in day-of-week is the k-th day n of the month (3#2 the second Tuesday), one expression only", () => {
    expect(fires("cron(0 0 ? * 3#2 *)", "2025-06-01T00:00:00Z", 2)).toEqual([
      "2025-06-10T00:00",
      "2025-07-08T00:00",
    ]);
    expect(scheduleExpressionProblem("cron(0 0 ? * 3#1,6#3 *)")).toMatch(
      /# takes one expression only/,
    );
    expect(scheduleExpressionProblem("cron(0 0 ? * 3#6 *)")).toMatch(/1-5/);
  });

  it("rule: a 5th weekday that a month lacks is skipped", () => {
    // July and August 2025 have four Mondays; September 2025 has five (1, 8, 15, 22, 29).
    expect(next("cron(0 0 ? * MON#5 *)", "2025-07-01T00:00:00Z")).toBe("2025-09-29T00:00:00.000Z");
  });

  it("rule: ? is only for a day field", () => {
    expect(scheduleExpressionProblem("cron(? 0 * * ? *)")).toMatch(/minutes/);
  });

  it("counts in UTC and strictly after the given time", () => {
    expect(next("cron(0 12 * * ? *)", "2025-06-01T12:00:00.000Z")).toBe("2025-06-02T12:00:00.000Z");
    expect(next("cron(0 12 * * ? *)", "2025-06-01T11:59:59.999Z")).toBe("2025-06-01T12:00:00.000Z");
    expect(next("cron(* * * * ? *)", "2025-12-31T23:59:30.000Z")).toBe("2026-01-01T00:00:00.000Z");
  });

  it("skips day-of-month values a month lacks (the 31st fires only in long months)", () => {
    expect(fires("cron(0 0 31 * ? *)", "2025-04-01T00:00:00Z", 2)).toEqual([
      "2025-05-31T00:00",
      "2025-07-31T00:00",
    ]);
  });

  it("returns undefined when the schedule never fires again: a past year, 30 February", () => {
    expect(nextFireTime("cron(0 0 1 1 ? 2020)", at("2025-01-01T00:00:00Z"))).toBeUndefined();
    expect(nextFireTime("cron(0 0 30 2 ? *)", at("2025-01-01T00:00:00Z"))).toBeUndefined();
    expect(next("cron(0 0 1 1 ? 2030-2031)", "2030-06-01T00:00:00Z")).toBe(
      "2031-01-01T00:00:00.000Z",
    );
  });
});
