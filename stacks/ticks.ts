import type { ServiceName, Tick } from "../functions/wiring";
import { type DeployedFunction, type FunctionContext, makeFunction, pascal } from "./functions";
import { assumedBy } from "./iam";

/**
 * The services' ticks on AWS: per tick, its function (with exactly the tick's access) and an
 * EventBridge Scheduler `rate(...)` schedule that invokes it, as a role allowed to invoke
 * only the tick functions.
 */
export function gyreTicks(ticks: (Tick & { service: ServiceName })[], context: FunctionContext) {
  if (!ticks.length) return [];
  const role = new aws.iam.Role("GyreTickScheduler", {
    assumeRolePolicy: assumedBy("scheduler.amazonaws.com", { thisAccountOnly: true }),
  });
  const made = ticks.map((tick) => {
    const fn: DeployedFunction = makeFunction(context, {
      name: `${pascal(tick.name)}Tick`,
      service: tick.service,
      module: tick.handler,
      access: tick.access,
      timeoutSeconds: 300,
    });
    const schedule = new aws.scheduler.Schedule(`${pascal(tick.name)}Schedule`, {
      name: `gyre-tick-${tick.name}`,
      scheduleExpression: `rate(${tick.everyMinutes} ${tick.everyMinutes === 1 ? "minute" : "minutes"})`,
      flexibleTimeWindow: { mode: "OFF" },
      target: { arn: fn.arn, roleArn: role.arn, retryPolicy: { maximumRetryAttempts: 0 } },
    });
    return { tick, fn, schedule };
  });
  new aws.iam.RolePolicy("GyreTickSchedulerInvoke", {
    role: role.id,
    policy: $util.jsonStringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: made.map((m) => m.fn.arn) },
      ],
    }),
  });
  return made;
}
