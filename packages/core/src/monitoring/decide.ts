import {
  type ColumnDrift,
  DATASET_DRIFT_SHARE,
  DEFAULT_THRESHOLDS,
} from "@gyre/profile/drift/index";
import type { DriftMethod, MonitorSettings } from "./monitor";

/** PSI's conventional "significant shift" line, for features a monitor has judged by PSI. */
export const PSI_THRESHOLD = 0.2;

const DEFAULTS: Record<DriftMethod, number> = { ...DEFAULT_THRESHOLDS, psi: PSI_THRESHOLD };

export interface Decision {
  method: DriftMethod | null;
  value: number | null;
  threshold: number | null;
  drift: boolean;
  level: "ok" | "warn" | "drift";
}

/**
 * The verdict on one feature: the monitor's method for it when one is set and fits its type
 * (else the statistic's own default choice), against the monitor's threshold for it (else the
 * method's default). A p-value drifts below its threshold and warns below twice it; every
 * other statistic drifts above its threshold and warns above half of it.
 */
export function decide(
  feature: string,
  result: ColumnDrift,
  settings: Pick<MonitorSettings, "methods" | "thresholds">,
  judged: boolean,
): Decision {
  if (result.type === "empty") return { ...noVerdict, method: null, value: null, threshold: null };
  const method = methodFor(result, settings.methods[feature]);
  const value = statisticOf(result, method);
  const threshold = settings.thresholds[feature] ?? DEFAULTS[method];
  const level = levelOf(method, value, threshold);
  const verdict = judged ? { drift: level === "drift", level } : noVerdict;
  return { method, value, threshold, ...verdict };
}

const noVerdict = { drift: false, level: "ok" } as const;

function methodFor(result: Exclude<ColumnDrift, { type: "empty" }>, wanted?: DriftMethod) {
  const fits: readonly DriftMethod[] =
    result.type === "numeric" ? ["ks", "wassersteinNorm", "psi"] : ["jensenShannon", "psi"];
  return wanted && fits.includes(wanted) ? wanted : result.method;
}

function statisticOf(result: Exclude<ColumnDrift, { type: "empty" }>, method: DriftMethod): number {
  if (result.type === "categorical") return method === "psi" ? result.psi : result.jensenShannon;
  if (method === "ks") return result.ks.pvalue;
  return method === "psi" ? result.psi : result.wassersteinNorm;
}

function levelOf(method: DriftMethod, value: number, threshold: number): Decision["level"] {
  if (method === "ks") return value < threshold ? "drift" : value < 2 * threshold ? "warn" : "ok";
  return value > threshold ? "drift" : value > threshold / 2 ? "warn" : "ok";
}

/**
 * The dataset's verdict from its features' verdicts: the share of judged features (those with
 * values on both sides) that drift, and drift when at least half do in a judged window.
 */
export function datasetVerdict(
  features: { type: string; drift: boolean }[],
  judged: boolean,
): { driftShare: number; datasetDrift: boolean } {
  const considered = features.filter((f) => f.type !== "empty");
  const driftShare = considered.length
    ? considered.filter((f) => f.drift).length / considered.length
    : 0;
  return {
    driftShare,
    datasetDrift: judged && considered.length > 0 && driftShare >= DATASET_DRIFT_SHARE,
  };
}
