/** One invocation's outcome, as a fleet's alarms and metrics see it. */
interface Outcome {
  at: number;
  status: number;
  ms: number;
}

/** A fleet's recent outcomes: enough for a bake's alarms and a deployment's step numbers. */
export class FleetStats {
  private readonly outcomes: Outcome[] = [];

  record(status: number, ms: number): void {
    this.outcomes.push({ at: Date.now(), status, ms });
    if (this.outcomes.length > 100_000) this.outcomes.splice(0, 50_000);
  }

  since(at: number) {
    const window = this.outcomes.filter((o) => o.at >= at);
    const errors5xx = window.filter((o) => o.status >= 500).length;
    const latencies = window.map((o) => o.ms).sort((a, b) => a - b);
    const p99 = latencies.length ? (latencies[Math.ceil(latencies.length * 0.99) - 1] ?? 0) : 0;
    return {
      requests: window.length,
      errors5xx,
      errorRate: window.length ? errors5xx / window.length : 0,
      latencyP99Ms: Math.round(p99 * 10) / 10,
    };
  }
}
