/**
 * EventBridge Scheduler's `rate(...)` and `cron(...)` expressions, read as Scheduler reads
 * them (with ScheduleExpressionTimezone "UTC"), so a pipeline's schedule is checked before it
 * is stored and the local runtime fires when AWS would.
 */

export type ScheduleExpression = { kind: "rate"; everyMs: number } | { kind: "cron"; cron: Cron };

interface Cron {
  minutes: number[];
  hours: number[];
  months: ReadonlySet<number>;
  years: ReadonlySet<number>;
  day: (year: number, month: number, day: number) => boolean;
}

export class ScheduleExpressionError extends Error {
  override name = "ScheduleExpressionError";
}

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const YEARS = { min: 1970, max: 2199 };

/** Parses `rate(value unit)` or `cron(min hour day-of-month month day-of-week year)`, or throws saying what is wrong. */
export function parseScheduleExpression(expression: string): ScheduleExpression {
  const rate = /^rate\((.*)\)$/.exec(expression);
  if (rate) return { kind: "rate", everyMs: parseRate(rate[1] as string) };
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) return { kind: "cron", cron: parseCron(cron[1] as string) };
  throw new ScheduleExpressionError("expected rate(value unit) or cron(6 fields)");
}

/** The message saying what is wrong with `expression`, or undefined if Scheduler would take it. */
export function scheduleExpressionProblem(expression: string): string | undefined {
  try {
    parseScheduleExpression(expression);
    return undefined;
  } catch (error) {
    if (error instanceof ScheduleExpressionError) return `${expression}: ${error.message}`;
    throw error;
  }
}

/**
 * The first time strictly after `after` that the schedule fires, or undefined if it never
 * does again. A rate counts from `after` (Scheduler counts from when the schedule is made).
 */
export function nextFireTime(expression: string, after: Date): Date | undefined {
  const parsed = parseScheduleExpression(expression);
  if (parsed.kind === "rate") return new Date(after.getTime() + parsed.everyMs);
  return nextCron(parsed.cron, after);
}

function parseRate(body: string): number {
  const match = /^(\d+) (minute|minutes|hour|hours|day|days)$/.exec(body);
  if (!match)
    throw new ScheduleExpressionError(
      "a rate is `rate(value unit)`, unit minute(s), hour(s) or day(s)",
    );
  const value = Number(match[1]);
  const unit = match[2] as string;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new ScheduleExpressionError("the rate's value must be a positive whole number");
  const singular = !unit.endsWith("s");
  if (value === 1 && !singular)
    throw new ScheduleExpressionError(`with 1 the unit is singular: rate(1 ${unit.slice(0, -1)})`);
  if (value > 1 && singular)
    throw new ScheduleExpressionError(`above 1 the unit is plural: rate(${value} ${unit}s)`);
  return value * UNIT_MS[(singular ? unit : unit.slice(0, -1)) as keyof typeof UNIT_MS];
}

function parseCron(body: string): Cron {
  const fields = body.split(" ");
  if (fields.length !== 6 || fields.some((f) => f === ""))
    throw new ScheduleExpressionError(
      "cron takes 6 fields separated by single spaces: minutes hours day-of-month month day-of-week year",
    );
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if ((dayOfMonth === "?") === (dayOfWeek === "?"))
    throw new ScheduleExpressionError(
      "exactly one of day-of-month and day-of-week must be ?, e.g. cron(0 12 * * ? *) or cron(0 12 ? * MON *)",
    );
  return {
    minutes: [...values(minutes, { name: "minutes", min: 0, max: 59 })].sort((a, b) => a - b),
    hours: [...values(hours, { name: "hours", min: 0, max: 23 })].sort((a, b) => a - b),
    months: values(month, { name: "month", min: 1, max: 12, names: MONTHS }),
    years: values(year, { name: "year", ...YEARS }),
    day: dayOfMonth === "?" ? parseDayOfWeek(dayOfWeek) : parseDayOfMonth(dayOfMonth),
  };
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  /** Names for min, min+1, ...: JAN-DEC, SUN-SAT. */
  names?: string[];
}

/** The values of a field built from `,` `-` `*` `/` (no `?`, `L`, `W` or `#`). */
function values(field: string, spec: FieldSpec): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(",")) {
    const [range, stepText, extra] = part.split("/");
    if (extra !== undefined || range === undefined || range === "")
      throw new ScheduleExpressionError(`${spec.name}: cannot read "${part}"`);
    const step = stepText === undefined ? 1 : number(stepText, spec, "increment");
    if (step < 1)
      throw new ScheduleExpressionError(
        `${spec.name}: the increment in "${part}" must be at least 1`,
      );
    let from: number;
    let to: number;
    if (range === "*") {
      from = spec.min;
      to = spec.max;
    } else if (range.includes("-")) {
      const [a, b, more] = range.split("-");
      if (more !== undefined)
        throw new ScheduleExpressionError(`${spec.name}: cannot read "${part}"`);
      from = value(a as string, spec);
      to = value(b as string, spec);
      if (from > to)
        throw new ScheduleExpressionError(`${spec.name}: the range "${range}" runs backwards`);
    } else {
      from = value(range, spec);
      to = stepText === undefined ? from : spec.max;
    }
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

function value(text: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return spec.min + named;
  const n = number(text, spec, "value");
  if (n < spec.min || n > spec.max)
    throw new ScheduleExpressionError(
      `${spec.name}: ${text} is outside ${spec.min}-${spec.max}${spec.names ? ` (or ${spec.names[0]}-${spec.names.at(-1)})` : ""}`,
    );
  return n;
}

function number(text: string, spec: FieldSpec, what: string): number {
  if (!/^\d+$/.test(text))
    throw new ScheduleExpressionError(`${spec.name}: "${text}" is not a ${what} this field takes`);
  return Number(text);
}

const DAY_OF_MONTH: FieldSpec = { name: "day-of-month", min: 1, max: 31 };
const DAY_OF_WEEK: FieldSpec = { name: "day-of-week", min: 1, max: 7, names: DAYS };

/** `L` (last day), `LW` (last weekday), `15W` (weekday nearest the 15th), or `,-*\/` values. */
function parseDayOfMonth(field: string): Cron["day"] {
  if (field === "L") return (y, m, d) => d === daysIn(y, m);
  if (field === "LW") return (y, m, d) => d === nearestWeekday(y, m, daysIn(y, m));
  const weekday = /^(\d+)W$/.exec(field);
  if (weekday) {
    const target = value(weekday[1] as string, DAY_OF_MONTH);
    return (y, m, d) => d === nearestWeekday(y, m, Math.min(target, daysIn(y, m)));
  }
  if (/[LW#?]/.test(field))
    throw new ScheduleExpressionError(
      `day-of-month: L, LW and nW stand alone (e.g. L or 15W), and ? only when day-of-week has a value; cannot read "${field}"`,
    );
  const days = values(field, DAY_OF_MONTH);
  return (_y, _m, d) => days.has(d);
}

/** `L` (Saturday), `6L` (the month's last Friday), `3#2` (its second Tuesday), or `,-*` values. */
function parseDayOfWeek(field: string): Cron["day"] {
  if (field === "L") return (y, m, d) => weekday(y, m, d) === 7;
  const last = /^([^#]+)L$/.exec(field);
  if (last) {
    const dow = value(last[1] as string, DAY_OF_WEEK);
    return (y, m, d) => weekday(y, m, d) === dow && d + 7 > daysIn(y, m);
  }
  const nth = /^([^#]+)#(\d+)$/.exec(field);
  if (nth) {
    const dow = value(nth[1] as string, DAY_OF_WEEK);
    const n = Number(nth[2]);
    if (n < 1 || n > 5)
      throw new ScheduleExpressionError(`day-of-week: in "${field}" the week of the month is 1-5`);
    return (y, m, d) => weekday(y, m, d) === dow && Math.ceil(d / 7) === n;
  }
  if (field.includes("#"))
    throw new ScheduleExpressionError(
      `day-of-week: # takes one expression only, e.g. 3#2; cannot read "${field}"`,
    );
  if (/[LW?/]/.test(field.toUpperCase().replace(/SUN|MON|TUE|WED|THU|FRI|SAT/g, "")))
    throw new ScheduleExpressionError(
      `day-of-week: takes , - * and the forms L, nL, n#k (W and / belong to other fields), and ? only when day-of-month has a value; cannot read "${field}"`,
    );
  const days = values(field, DAY_OF_WEEK);
  return (y, m, d) => days.has(weekday(y, m, d));
}

/** 1 (Sunday) to 7 (Saturday), as cron counts. */
function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The Monday-Friday nearest `day`, without leaving the month. */
function nearestWeekday(year: number, month: number, day: number): number {
  const dow = weekday(year, month, day);
  if (dow === 7) return day === 1 ? day + 2 : day - 1;
  if (dow === 1) return day === daysIn(year, month) ? day - 2 : day + 1;
  return day;
}

function nextCron(cron: Cron, after: Date): Date | undefined {
  const start = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() + 1;
  let day = start.getUTCDate();
  let fromMinute = start.getUTCHours() * 60 + start.getUTCMinutes();
  while (year <= YEARS.max) {
    if (!cron.years.has(year)) {
      [year, month, day, fromMinute] = [year + 1, 1, 1, 0];
      continue;
    }
    if (!cron.months.has(month) || day > daysIn(year, month)) {
      [month, day, fromMinute] = [month + 1, 1, 0];
      if (month > 12) [year, month] = [year + 1, 1];
      continue;
    }
    if (cron.day(year, month, day)) {
      for (const hour of cron.hours) {
        const minute = cron.minutes.find((m) => hour * 60 + m >= fromMinute);
        if (minute !== undefined) return new Date(Date.UTC(year, month - 1, day, hour, minute));
      }
    }
    [day, fromMinute] = [day + 1, 0];
  }
  return undefined;
}
