import { type OutboxRelay, outboxAccess, type ServiceName } from "../functions/wiring";
import { type DeployedFunction, type FunctionContext, makeFunction, pascal } from "./functions";
import type { GyreTables } from "./tables";

/** Only writes that leave events pending wake the relay: the stream's filter on the index marker. */
export const pendingFilter = { dynamodb: { NewImage: { outboxPending: { S: ["pending"] } } } };

/**
 * Per service with an outbox: a relay function on its table's stream, with its own table,
 * PutEvents and the stream's read actions and nothing more. A batch that fails (a throw, a
 * timeout) is retried, halved, then dropped; the `<service>-outbox` tick sweeps what is left.
 */
export function gyreOutboxRelays(
  outboxes: (OutboxRelay & { service: ServiceName })[],
  tables: GyreTables,
  context: FunctionContext,
) {
  return outboxes.map((outbox) => {
    const stream = tables[outbox.table].streamArn;
    const fn: DeployedFunction = makeFunction(context, {
      name: `${pascal(outbox.service)}OutboxRelay`,
      service: outbox.service,
      module: outbox.handler,
      access: outboxAccess(outbox.table),
      statements: [
        {
          actions: [
            "dynamodb:DescribeStream",
            "dynamodb:GetRecords",
            "dynamodb:GetShardIterator",
            "dynamodb:ListStreams",
          ],
          resources: [stream],
        },
      ],
      timeoutSeconds: 60,
    });
    const mapping = new aws.lambda.EventSourceMapping(`${pascal(outbox.service)}OutboxStream`, {
      eventSourceArn: stream,
      functionName: fn.name,
      startingPosition: "LATEST",
      batchSize: 25,
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 5,
      filterCriteria: { filters: [{ pattern: JSON.stringify(pendingFilter) }] },
    });
    return { outbox, fn, mapping };
  });
}
