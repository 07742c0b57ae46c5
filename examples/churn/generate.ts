import { type Random, seededRandom } from "./random";

export interface ChurnOptions {
  rows: number;
  /** 0 = the reference population, 1 = strongly shifted (pricier, newer, more month-to-month). */
  drift?: number;
  seed?: number;
}

export const CHURN_COLUMNS = [
  "customer_id",
  "signup_date",
  "tenure_months",
  "contract",
  "internet_service",
  "payment_method",
  "monthly_charges",
  "total_charges",
  "support_calls",
  "num_products",
  "senior",
  "churned",
] as const;

const SNAPSHOT = Date.UTC(2026, 10, 1);
const DAY_MS = 86_400_000;

/**
 * Synthetic telecom customers, one CSV line each ("\n"-terminated, header first), streamed
 * so a million rows never sit in memory. Churn follows a logistic model of the features
 * plus noise; `drift` moves the features, never that model.
 */
export function* generateChurn(options: ChurnOptions): Generator<string> {
  const random = seededRandom(options.seed ?? 42);
  const drift = options.drift ?? 0;
  yield `${CHURN_COLUMNS.join(",")}\n`;
  for (let i = 1; i <= options.rows; i++) yield customer(i, random, drift);
}

/** The whole CSV as one string: for tests and small samples. */
export function churnCsv(options: ChurnOptions): string {
  return [...generateChurn(options)].join("");
}

function customer(index: number, random: Random, drift: number): string {
  const contract = random.pick([
    ["month-to-month", 0.55 + 0.25 * drift],
    ["one-year", 0.25 - 0.1 * drift],
    ["two-year", 0.2 - 0.15 * drift],
  ] as const);
  const meanTenure = { "month-to-month": 14, "one-year": 30, "two-year": 46 }[contract];
  const tenure = Math.min(
    72,
    1 + Math.floor(-Math.log(1 - random.next()) * meanTenure * (1 - 0.4 * drift)),
  );
  const internet = random.pick([
    ["fiber", 0.45 + 0.15 * drift],
    ["dsl", 0.35 - 0.1 * drift],
    ["none", 0.2 - 0.05 * drift],
  ] as const);
  const payment = random.pick([
    ["electronic-check", 0.35],
    ["mailed-check", 0.2],
    ["bank-transfer", 0.22],
    ["credit-card", 0.23],
  ] as const);
  const products = Math.min(5, 1 + random.poisson(internet === "none" ? 0.5 : 1.2));
  const base = { fiber: 75, dsl: 48, none: 20 }[internet];
  const monthly = Math.max(18, random.normal(base + 7 * (products - 1) + 15 * drift, 8));
  const total = monthly * tenure * random.normal(1, 0.04);
  const supportCalls = random.poisson(1.1 + 0.6 * Number(internet === "fiber") + drift);
  const senior = random.next() < 0.16;
  const logit =
    -1.5 +
    { "month-to-month": 1, "one-year": -0.6, "two-year": -2 }[contract] -
    0.04 * tenure +
    0.025 * (monthly - 65) +
    { fiber: 0.5, dsl: 0, none: -0.6 }[internet] +
    (payment === "electronic-check" ? 0.5 : 0) +
    0.35 * supportCalls +
    (senior ? 0.4 : 0) -
    0.25 * (products - 1) +
    random.normal(0, 0.4);
  const churned = random.next() < 1 / (1 + Math.exp(-logit));
  const signup = new Date(SNAPSHOT - (tenure * 30.44 + random.int(30)) * DAY_MS);
  return `${[
    `C${String(index).padStart(7, "0")}`,
    signup.toISOString().slice(0, 10),
    tenure,
    contract,
    internet,
    payment,
    monthly.toFixed(2),
    total.toFixed(2),
    supportCalls,
    products,
    senior,
    churned,
  ].join(",")}\n`;
}
