import type {
  Dimension,
  GetMetricDataCommandInput,
  MetricDataQuery,
  MetricDataResult,
  PutMetricAlarmCommandInput,
} from "@aws-sdk/client-cloudwatch";
import type { AlarmRule } from "./port";
import { alarmName, VARIANT } from "./sagemaker-names";

const NAMESPACE = "AWS/SageMaker";
/** SageMaker publishes endpoint metrics once a minute. */
export const PERIOD_SECONDS = 60;

/**
 * A fleet's metrics: SageMaker adds the EndpointConfigName dimension to the metrics of the
 * new fleet of a blue/green update, so an alarm on it watches the new version alone.
 */
export function fleetDimensions(endpoint: string, config: string): Dimension[] {
  return [
    { Name: "EndpointName", Value: endpoint },
    { Name: "VariantName", Value: VARIANT },
    { Name: "EndpointConfigName", Value: config },
  ];
}

function metric(
  id: string,
  name: string,
  stat: string,
  dimensions: Dimension[],
  period = PERIOD_SECONDS,
): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: { Namespace: NAMESPACE, MetricName: name, Dimensions: dimensions },
      Period: period,
      Stat: stat,
    },
    ReturnData: false,
  };
}

/** What each rule watches, as metric math over `requests`, `errors` and `latency`. */
const WATCHED: Record<AlarmRule["metric"], { expression: string; uses: "errors" | "latency" }> = {
  errorRate: { expression: "errors / requests", uses: "errors" },
  invocation5xx: { expression: "errors", uses: "errors" },
  latencyP99Ms: { expression: "latency", uses: "latency" },
};

/**
 * One CloudWatch alarm per rule on the new fleet. `minRequests` gates it through metric math
 * (`IF(requests >= n, ..., 0)`), per one-minute period; a minute without traffic is not a
 * breach. ModelLatency is in microseconds, so a latencyP99Ms threshold is multiplied by 1000.
 */
export function alarmInput(
  rule: AlarmRule,
  endpoint: string,
  config: string,
): PutMetricAlarmCommandInput {
  const dimensions = fleetDimensions(endpoint, config);
  const watched = WATCHED[rule.metric];
  const inputs =
    watched.uses === "errors"
      ? metric("errors", "Invocation5XXErrors", "Sum", dimensions)
      : metric("latency", "ModelLatency", "p99", dimensions);
  return {
    AlarmName: alarmName(config, rule.name),
    AlarmDescription: `Gyre rolls ${config} back when ${rule.metric} > ${rule.threshold} in a minute with at least ${rule.minRequests} requests.`,
    Metrics: [
      metric("requests", "Invocations", "Sum", dimensions),
      inputs,
      {
        Id: "watched",
        Expression: `IF(requests >= ${rule.minRequests}, ${watched.expression}, 0)`,
        Label: rule.metric,
        ReturnData: true,
      },
    ],
    Threshold: rule.metric === "latencyP99Ms" ? rule.threshold * 1000 : rule.threshold,
    ComparisonOperator: "GreaterThanThreshold",
    EvaluationPeriods: 1,
    DatapointsToAlarm: 1,
    TreatMissingData: "notBreaching",
  };
}

export interface FleetTotals {
  requests: number;
  errors5xx: number;
  latencyP99Ms: number;
}

/** One period spanning [since, now], so the p99 is over the whole window, not a max of minutes. */
export function metricsInput(
  endpoint: string,
  configs: string[],
  since: Date,
  now: Date,
): GetMetricDataCommandInput {
  const minute = PERIOD_SECONDS * 1000;
  const start = Math.floor(since.getTime() / minute) * minute;
  const end = Math.max(Math.ceil(now.getTime() / minute) * minute, start + minute);
  const period = (end - start) / 1000;
  return {
    StartTime: new Date(start),
    EndTime: new Date(end),
    MetricDataQueries: configs.flatMap((config, i) => {
      const dimensions = fleetDimensions(endpoint, config);
      return [
        metric(`requests${i}`, "Invocations", "Sum", dimensions, period),
        metric(`errors${i}`, "Invocation5XXErrors", "Sum", dimensions, period),
        metric(`latency${i}`, "ModelLatency", "p99", dimensions, period),
      ].map((query) => ({ ...query, ReturnData: true }));
    }),
  };
}

export function fleetTotals(results: MetricDataResult[], index: number): FleetTotals {
  const values = (id: string) => results.find((r) => r.Id === `${id}${index}`)?.Values ?? [];
  const sum = (id: string) => values(id).reduce((total, value) => total + value, 0);
  return {
    requests: sum("requests"),
    errors5xx: sum("errors"),
    latencyP99Ms: Math.max(0, ...values("latency")) / 1000,
  };
}
