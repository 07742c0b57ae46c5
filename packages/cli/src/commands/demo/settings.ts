/** How long each stage of the demo's loop takes: `--fast` brings every wait down to seconds. */
export interface DemoSettings {
  /** The pipeline's trigger.debounceSeconds. */
  debounceSeconds: number;
  /** The canary's bake (the endpoint's rollout.waitIntervalInSeconds). */
  bakeSeconds: number;
  /** The monitor's window: it closes into a judged report at this many captured rows (maxSamples). */
  windowRows: number;
  /** Rows of churn data pushed as the new dataset version. */
  trainingRows: number;
  /** How long one hop may take before the demo gives up and names it. */
  hopTimeoutSeconds: number;
}

export function demoSettings(fast: boolean): DemoSettings {
  return fast
    ? {
        debounceSeconds: 1,
        bakeSeconds: 2,
        windowRows: 300,
        trainingRows: 3000,
        hopTimeoutSeconds: 180,
      }
    : {
        debounceSeconds: 3,
        bakeSeconds: 30,
        windowRows: 500,
        trainingRows: 5000,
        hopTimeoutSeconds: 600,
      };
}

/** The demo's names: the example's pipeline, dataset, model and endpoint are all `churn`. */
export const CHURN = "churn";
